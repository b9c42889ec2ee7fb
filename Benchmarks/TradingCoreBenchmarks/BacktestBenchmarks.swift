import TradingCore

/// Whole-backtest throughput: SmaCross on daily bars, EMA cross on synthetic quote ticks.
enum BacktestBenchmarks {
  /// Microseconds per bar of a full SmaCross(10, 20) backtest with statistics.
  static func smaCrossPerBar(bars: [Bar], repeats: Int) -> Double {
    var equity = Money.zero
    let timing = Harness.time(repeats: repeats) { _ in
      var backtest = BarBacktest(
        strategy: SmaCrossStrategy(fastPeriod: 10, slowPeriod: 20), cash: Fixed(10_000),
        configuration: .init(commission: CommissionModel(rate: Fixed("0.002")!)))
      let result = backtest.run(bars)
      equity = result.finalEquity
      Harness.blackHole(result.statistics.sharpe)
    }
    Harness.blackHole(equity)
    return timing.median / Double(bars.count) * 1e6
  }

  /// Ticks per second of the EMA(10/20) cross on 60-second bid bars, 100,000 units a trade;
  /// the ticks are generated before the clock starts, as NautilusTrader's `engine.run()` is timed.
  static func emaCrossTicks(count: Int, repeats: Int) -> (ticksPerSecond: Double, trades: Int) {
    let ticks = Array(SyntheticQuoteTicks(count: count, seed: 42))
    var trades = 0
    let timing = Harness.time(repeats: repeats) { _ in
      var backtest = TickBacktest(
        symbol: "AUD/USD", strategy: EmaCrossStrategy(fastPeriod: 10, slowPeriod: 20, sizing: .units(Fixed(100_000))),
        cash: Fixed(1_000_000), barSeconds: 60,
        configuration: .init(commission: CommissionModel(rate: Fixed("0.00002")!)))
      let result = backtest.run(ticks)
      trades = result.trades.count
      Harness.blackHole(result.finalEquity)
    }
    return (Double(count) / timing.median, trades)
  }
}
