import Testing

@testable import TradingCore

/// `SmaCrossStrategy(2, 3)` on a series whose crosses are known by hand, with backtesting.py's
/// default sizing (all available cash in whole units) and no commission.
///
///   bar    0    1    2    3    4     5     6     7     8     9    10
///   close 10    9    8    7    8    10    12    11     9     7     6
///   SMA2   –  9.5  8.5  7.5  7.5     9    11  11.5    10     8   6.5
///   SMA3   –    –    9    8  7.67  8.33    10    11 10.67     9  7.33
///
/// Bar 5 is the first cross up (7.5 < 7.67, then 9 > 8.33); bar 8 the first cross down
/// (11.5 > 11, then 10 < 10.67). Bars open at the previous close.
@Suite struct SmaCrossStrategyTests {
  static let bars = BacktestFixture.bars(closes: [10, 9, 8, 7, 8, 10, 12, 11, 9, 7, 6])

  @Test func tradesOnTheBarsAfterTheCrosses() {
    var backtest = BarBacktest(symbol: "XYZ", strategy: SmaCrossStrategy(fastPeriod: 2, slowPeriod: 3), cash: 10_000)
    let result = backtest.run(Self.bars)
    // Bar 5's buy fills at bar 6's open (10): 9999.999999999998 // 10 = 999 units, cash 10.
    // Bar 8's sell first closes the 999 at bar 9's open (9) — cash 9,001 — then goes short
    // 9000.999999999998 // 9 = 1,000 units: cash 18,001.
    #expect(result.trades.count == 1)
    #expect(result.trades.map(\.entryBar) == [6])
    #expect(result.trades.map(\.exitBar) == [9])
    #expect(result.trades.map(\.trade.quantity) == [999])
    #expect(result.trades.map(\.trade.pnl) == [-999])
    #expect(result.openLots.map(\.quantity) == [-1_000])
    #expect(result.openLots.map(\.entryPrice) == [9])
    #expect(result.equity == [10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 11_998, 10_999, 9_001, 11_001, 12_001])
    #expect(result.warmupBars == 2)
  }

  /// Equal averages are not a cross (backtesting.py's `crossover` is strict on both sides).
  @Test func touchingAveragesDoNotCross() {
    // SMA2 and SMA3 of a flat series are equal on every bar.
    var backtest = BarBacktest(
      symbol: "XYZ", strategy: SmaCrossStrategy(fastPeriod: 2, slowPeriod: 3), cash: 10_000)
    let result = backtest.run(BacktestFixture.bars(closes: [5, 5, 5, 5, 5, 5, 5]))
    #expect(result.trades.isEmpty)
    #expect(result.openLots.isEmpty)
  }
}
