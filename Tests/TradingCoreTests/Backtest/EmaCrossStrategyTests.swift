import Testing

@testable import TradingCore

/// `EmaCrossStrategy(2, 3)` (seeded with the first close, α = 2/3 and 1/2) on a series whose
/// decisions are known by hand; 10 units a trade, no commission.
///
///   bar     0     1     2     3     4     5      6     7     8
///   close  10     9     8     7     9    11     10     8     7
///   EMA2   10  9.33  8.44  7.48  8.49 10.16  10.05  8.69  7.56
///   EMA3   10   9.5  8.75  7.88  8.44  9.72   9.86  8.93  7.96
///
/// Both are ready from bar 2 (three inputs): short there (8.44 < 8.75); long from bar 4
/// (8.49 ≥ 8.44), closing the short first; short again from bar 7 (8.69 < 8.93).
@Suite struct EmaCrossStrategyTests {
  @Test func holdsTheSideTheAveragesPointTo() {
    var backtest = BarBacktest(
      symbol: "XYZ", strategy: EmaCrossStrategy(fastPeriod: 2, slowPeriod: 3, sizing: .units(10)), cash: 10_000)
    let result = backtest.run(BacktestFixture.bars(closes: [10, 9, 8, 7, 9, 11, 10, 8, 7]))
    // Fills at the next opens (the previous closes): short 10 @ 8 on bar 3, cover and buy @ 9 on
    // bar 5, sell and short @ 8 on bar 8.
    #expect(result.trades.map(\.trade.quantity) == [-10, 10])
    #expect(result.trades.map(\.trade.entryPrice) == [8, 9])
    #expect(result.trades.map(\.trade.exitPrice) == [9, 8])
    #expect(result.trades.map(\.entryBar) == [3, 5])
    #expect(result.trades.map(\.exitBar) == [5, 8])
    #expect(result.trades.map(\.trade.pnl) == [-10, -10])
    #expect(result.openLots.map(\.quantity) == [-10])
    #expect(result.equity == [10_000, 10_000, 10_000, 10_010, 9_990, 10_010, 10_000, 9_980, 9_990])
    #expect(result.warmupBars == 2)
  }

  /// A flat series: the averages are equal, which counts as long (fast ≥ slow).
  @Test func equalAveragesMeanLong() {
    var backtest = BarBacktest(
      symbol: "XYZ", strategy: EmaCrossStrategy(fastPeriod: 2, slowPeriod: 3, sizing: .units(1)), cash: 10_000)
    let result = backtest.run(BacktestFixture.bars(closes: [5, 5, 5, 5, 5]))
    #expect(result.trades.isEmpty)
    #expect(result.openLots.map(\.quantity) == [1])
    #expect(result.openLots.map(\.entryTime) == [BacktestFixture.start.adding(seconds: 3 * 86_400)])
  }
}
