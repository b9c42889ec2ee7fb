import Histogram
import TradingCore

/// Signal → order decision latency of the strategy engine's pipeline (alpha, sizing, all risk
/// rules), in process, one decision at a time, recorded in an HdrHistogram.
enum DecisionBenchmarks {
  struct Latency {
    var p50: UInt64
    var p99: UInt64
    var p999: UInt64
    var orders: Int
    var decisions: Int
  }

  static func signalToDecision(decisions: Int, symbols: Int) -> Latency {
    var generator = SplitMix64(seed: 9)
    let names = (0..<symbols).map { "SYM\($0)" }
    var prices: [String: Price] = [:]
    var volatilities: [String: Double] = [:]
    for name in names {
      prices[name] = Fixed(50 + Int(generator.next() % 200))
      volatilities[name] = 0.01 + 0.02 * generator.nextUnit()
    }
    let start = CivilDateTime(year: 2026, month: 1, day: 5, hour: 14).timestamp
    let signals = (0..<decisions).map { index in
      let strength = 0.3 + 0.7 * generator.nextUnit()
      let time = start.adding(nanoseconds: Int64(index) * 1_000_000)
      return Signal(
        id: TimeSortableID(timestamp: time, using: &generator), symbol: names[index % symbols],
        score: generator.next() % 2 == 0 ? strength : -strength, timestamp: time, source: "pattern_engine")
    }
    var pipeline = DecisionPipeline(
      risk: RiskManager(rules: [
        MaxPositionRule(maxNotional: Fixed(20_000)), MaxOrderNotionalRule(maxOrderNotional: Fixed(15_000)),
        MaxGrossExposureRule(maxGrossExposure: Fixed(500_000)), MaxDrawdownRule(maxDrawdownFraction: 0.2),
        DailyLossRule(limit: .fractionOfOpeningEquity(0.05)),
      ]))
    var context = StrategyContext(
      timestamp: start, equity: Fixed(1_000_000), cash: Fixed(1_000_000), lastPrices: prices,
      volatilities: volatilities)
    var histogram = Histogram<UInt64>(highestTrackableValue: 1_000_000_000, numberOfSignificantValueDigits: .three)
    var orders = 0
    let clock = ContinuousClock()
    for signal in signals {
      context.timestamp = signal.timestamp
      let began = clock.now
      let outcome = pipeline.decide(signal: signal, context: context)
      let elapsed = clock.now - began
      _ = histogram.record(UInt64(max(0, Harness.seconds(elapsed) * 1e9)))
      if let order = outcome.order {
        orders += 1
        // The order fills at once, so the next decision sees the new position.
        let signed = order.side == .buy ? order.quantity : -order.quantity
        context.positions[order.symbol, default: .zero] += signed
      }
    }
    return Latency(
      p50: histogram.valueAtPercentile(50), p99: histogram.valueAtPercentile(99),
      p999: histogram.valueAtPercentile(99.9), orders: orders, decisions: decisions)
  }
}
