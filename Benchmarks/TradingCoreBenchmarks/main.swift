import Foundation
import TradingCore

/// `make bench`: the four figures of BENCHMARKS.md, each beside its goal.
///
/// Arguments: `--data PATH` (GOOG.csv), `--quick` for a short smoke run.
let arguments = CommandLine.arguments
let quick = arguments.contains("--quick")
guard let dataFlag = arguments.firstIndex(of: "--data"), dataFlag + 1 < arguments.count,
  let googData = FileManager.default.contents(atPath: arguments[dataFlag + 1])
else {
  print("usage: TradingCoreBenchmarks --data GOOG.csv [--quick]")
  exit(2)
}
let googBars = try BarCSVParser().parse([UInt8](googData))

print("AITrader benchmarks (release build), \(ProcessInfo.processInfo.activeProcessorCount) cores")
print("| figure | ours | goal | peer anchor |")
print("|---|---|---|---|")

let emaNanoseconds = IndicatorBenchmarks.emaUpdate(count: quick ? 1_000_000 : 10_000_000, repeats: quick ? 2 : 5)
print("| streaming EMA(10) update | \(Harness.format(emaNanoseconds)) ns | ≤ 3 ns | TA-Lib batch EMA 2.66 ns/element |")

let microsecondsPerBar = BacktestBenchmarks.smaCrossPerBar(bars: googBars, repeats: quick ? 5 : 200)
print(
  "| SmaCross(10, 20) on GOOG, with statistics | \(Harness.format(microsecondsPerBar, decimals: 3)) µs/bar | ≤ 0.2 µs/bar | backtesting.py 19–29 µs/bar |"
)

let ticks = BacktestBenchmarks.emaCrossTicks(count: quick ? 200_000 : 2_000_000, repeats: quick ? 1 : 3)
print(
  "| EMA(10/20) cross on synthetic quote ticks, 60 s bid bars | \(Int(ticks.ticksPerSecond)) ticks/s (\(ticks.trades) trades) | ≥ 2,000,000 ticks/s | NautilusTrader EMACross 90–112k ticks/s |"
)

let latency = DecisionBenchmarks.signalToDecision(decisions: quick ? 20_000 : 200_000, symbols: 20)
print(
  "| signal → order decision (\(latency.decisions) signals, \(latency.orders) orders) | p50 \(latency.p50) ns, p99 \(latency.p99) ns, p99.9 \(latency.p999) ns | p99 ≤ 10 µs | guide: < 1 ms average |"
)
print("checksum \(String(checksum.load(ordering: .relaxed), radix: 16))")
