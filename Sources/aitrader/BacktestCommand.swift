import ArgumentParser
import Foundation
import TradingCore

/// `aitrader backtest`: runs a strategy over a CSV of bars or over synthetic quote ticks and
/// prints backtesting.py-style statistics.
struct BacktestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "backtest",
    abstract: "Backtest a strategy over CSV bars or synthetic quote ticks.",
    discussion:
      "Defaults follow backtesting.py: orders fill at the next bar's open, in whole units, using all available "
      + "cash, each order first closing the open trade, with a relative commission charged on entry and on exit."
  )

  /// The strategies the command line offers.
  enum StrategyName: String, ExpressibleByArgument, CaseIterable {
    case smaCross = "sma-cross"
    case emaCross = "ema-cross"
  }

  @Option(help: "CSV of OHLCV bars (date first; YYYY-MM-DD, YYYY-MM-DD HH:MM:SS or M/D/YYYY).")
  var data: String?

  // Numeric options take the next argument as their value even when it starts with '-', so
  // that `--commission -0.0001` is a rebate and `--cash -5` is reported as a negative amount
  // rather than as a missing value.
  @Option(parsing: .unconditional, help: "Generate this many synthetic quote ticks instead of reading --data.")
  var syntheticTicks: Int?

  @Option(parsing: .unconditional, help: "Seed of the synthetic tick generator.")
  var seed: UInt64 = 42

  @Option(help: "sma-cross or ema-cross.")
  var strategy: StrategyName = .smaCross

  @Option(parsing: .unconditional, help: "Fast moving-average period.")
  var fast: Int = 10

  @Option(parsing: .unconditional, help: "Slow moving-average period.")
  var slow: Int = 20

  @Option(parsing: .unconditional, help: "Starting cash.")
  var cash: String = "10000"

  @Option(parsing: .unconditional, help: "Relative commission per fill, e.g. 0.002 for 0.2 %.")
  var commission: String = "0"

  @Option(parsing: .unconditional, help: "Fixed commission per order.")
  var commissionPerOrder: String = "0"

  @Option(parsing: .unconditional, help: "Slippage in basis points against each fill.")
  var slippageBps: String = "0"

  @Option(help: "Bars: fill at the next bar's open (next-open) or at the signal bar's close (close).")
  var fill: String = FillModel.nextBarOpen.rawValue

  @Option(parsing: .unconditional, help: "Synthetic ticks: seconds per bar.")
  var barSeconds: Int = 60

  @Option(parsing: .unconditional, help: "Units per order; without it, all available cash in whole units.")
  var tradeSize: String?

  @Option(parsing: .unconditional, help: "Order latency in milliseconds (tick backtests).")
  var latencyMs: Int = 0

  @Option(help: "Use the Adj Close column as the close.")
  var adjustedClose = false

  @Flag(help: "Print one JSON object instead of the table.")
  var json = false

  @Option(help: "Write the closed trades as CSV to this file.")
  var tradesOut: String?

  @Option(help: "Write the equity curve as CSV to this file.")
  var equityOut: String?

  func validate() throws {
    guard (data == nil) != (syntheticTicks == nil) else {
      throw ValidationError("give exactly one of --data PATH or --synthetic-ticks N")
    }
    if let count = syntheticTicks, count <= 0 {
      throw ValidationError("--synthetic-ticks must be positive, got \(count)")
    }
    guard fast > 0 else { throw ValidationError("--fast must be positive, got \(fast)") }
    guard fast < slow else { throw ValidationError("--fast (\(fast)) must be below --slow (\(slow))") }
    guard let cash = Fixed(cash), cash.isPositive else {
      throw ValidationError("--cash must be a positive decimal, got \(cash)")
    }
    guard let rate = Fixed(commission), rate >= Fixed("-0.1")!, rate < Fixed("0.1")! else {
      throw ValidationError("--commission must be a decimal in [-0.1, 0.1), got \(commission)")
    }
    guard let perOrder = Fixed(commissionPerOrder), !perOrder.isNegative else {
      throw ValidationError("--commission-per-order must be a non-negative decimal, got \(commissionPerOrder)")
    }
    guard let slippage = Fixed(slippageBps), !slippage.isNegative, slippage < Fixed(10_000) else {
      throw ValidationError("--slippage-bps must be a decimal in [0, 10000), got \(slippageBps)")
    }
    guard let model = FillModel(rawValue: fill), model != .quote else {
      throw ValidationError("--fill must be next-open or close, got \(fill)")
    }
    if let size = tradeSize {
      guard let units = Fixed(size), units.isPositive else {
        throw ValidationError("--trade-size must be a positive decimal, got \(size)")
      }
    }
    guard barSeconds > 0 else { throw ValidationError("--bar-seconds must be positive, got \(barSeconds)") }
    guard latencyMs >= 0 else { throw ValidationError("--latency-ms cannot be negative, got \(latencyMs)") }
  }

  func run() throws {
    let configuration = SimulatedBroker.Configuration(
      commission: CommissionModel(perOrder: Fixed(commissionPerOrder)!, rate: Fixed(commission)!),
      slippage: SlippageModel(basisPoints: Fixed(slippageBps)!),
      latency: LatencyModel(nanoseconds: Int64(latencyMs) * 1_000_000))
    let sizing: OrderSizing = tradeSize.map { .units(Fixed($0)!) } ?? .allAvailable
    let startingCash = Fixed(cash)!

    let run: BacktestRun
    switch strategy {
    case .smaCross:
      run = try execute(
        SmaCrossStrategy(fastPeriod: fast, slowPeriod: slow, sizing: sizing), startingCash, configuration)
    case .emaCross:
      run = try execute(
        EmaCrossStrategy(fastPeriod: fast, slowPeriod: slow, sizing: sizing), startingCash, configuration)
    }
    let report = BacktestReport(run: run, strategy: strategy.rawValue)
    print(json ? report.json : report.table)
    if let path = tradesOut { try report.tradesCSV.write(toFile: path, atomically: true, encoding: .utf8) }
    if let path = equityOut { try report.equityCSV.write(toFile: path, atomically: true, encoding: .utf8) }
  }

  /// Loads the data and runs `strategy` over it, timing the run alone.
  private func execute<Strategy: BarStrategy>(
    _ strategy: Strategy, _ startingCash: Money, _ configuration: SimulatedBroker.Configuration
  ) throws -> BacktestRun {
    if let count = syntheticTicks {
      let feed = SyntheticQuoteTicks(count: count, seed: seed)
      let ticks = Array(feed)
      var backtest = TickBacktest(
        symbol: feed.symbol, strategy: strategy, cash: startingCash, barSeconds: barSeconds,
        configuration: configuration)
      let clock = ContinuousClock()
      let start = clock.now
      let result = backtest.run(ticks)
      return BacktestRun(result: result, elapsed: clock.now - start, ticks: count)
    }
    let path = data!
    let bars = try BarFile.load(path: path, adjustedClose: adjustedClose)
    var backtest = BarBacktest(
      symbol: BarFile.symbol(for: path), strategy: strategy, cash: startingCash, configuration: configuration,
      fillModel: FillModel(rawValue: fill)!)
    let clock = ContinuousClock()
    let start = clock.now
    let result = backtest.run(bars)
    return BacktestRun(result: result, elapsed: clock.now - start, ticks: nil)
  }
}

/// A finished backtest with how long it took.
struct BacktestRun {
  var result: BacktestResult
  var elapsed: Duration
  /// Ticks processed, for tick backtests.
  var ticks: Int?

  var elapsedSeconds: Double {
    Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
  }
}
