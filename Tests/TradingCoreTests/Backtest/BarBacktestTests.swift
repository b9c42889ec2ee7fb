import Testing

@testable import TradingCore

/// A six-bar series and a scripted strategy, every fill, fee and equity figure worked by hand.
///
///   bar  open  high  low  close     script (decided on the bar's close)
///    0    10    11    9   10.5      buy 100
///    1    11    12   10   11.5
///    2    12    13   11   12.5      sell 150 (closes the 100, opens 50 short)
///    3    11    12   10   10.5
///    4    10    11    9    9.5      buy 50 (covers the short)
///    5     9    10    8    8.5
///
/// Cash 10,000, commission 1 % of notional on every fill.
@Suite struct BarBacktestTests {
  typealias B = BacktestFixture

  static let bars = B.bars([
    ("10", "11", "9", "10.5"), ("11", "12", "10", "11.5"), ("12", "13", "11", "12.5"),
    ("11", "12", "10", "10.5"), ("10", "11", "9", "9.5"), ("9", "10", "8", "8.5"),
  ])
  static let script: [Int: [ScriptedStrategy.Action]] = [
    0: [.buy(.units(100))], 2: [.sell(.units(150))], 4: [.buy(.units(50))],
  ]
  static let onePercent = SimulatedBroker.Configuration(commission: CommissionModel(rate: B.decimal("0.01")))

  static func run(
    _ script: [Int: [ScriptedStrategy.Action]], bars: [Bar] = bars, cash: Money = 10_000,
    configuration: SimulatedBroker.Configuration = onePercent, fillModel: FillModel = .nextBarOpen
  ) -> (result: BacktestResult, backtest: BarBacktest<ScriptedStrategy>) {
    var backtest = BarBacktest(
      symbol: "XYZ", strategy: ScriptedStrategy(script), cash: cash, configuration: configuration, fillModel: fillModel)
    let result = backtest.run(bars)
    return (result, backtest)
  }

  /// Next-open fills: bar 0's buy fills at bar 1's open (11): 1,100 + 11 fee → cash 8,889.
  /// Bar 2's sell fills at bar 3's open (11): 1,650 − 16.50 → cash 10,522.50; the closed 100 pay
  /// 11 entry + 11 exit; the 50 short carry 5.50. Bar 4's buy fills at bar 5's open (9):
  /// 450 + 4.50 → cash 10,068; the short made 50 × 2 − (5.50 + 4.50) = 90.
  @Test func nextOpenFillsWorkedByHand() {
    let (result, backtest) = Self.run(Self.script)
    #expect(result.equity == [10_000, 10_039, 10_139, B.decimal("9997.5"), B.decimal("10047.5"), 10_068])
    #expect(result.trades.map(\.trade.quantity) == [100, -50])
    #expect(result.trades.map(\.trade.entryPrice) == [11, 11])
    #expect(result.trades.map(\.trade.exitPrice) == [11, 9])
    #expect(result.trades.map(\.trade.commission) == [22, 10])
    #expect(result.trades.map(\.trade.pnl) == [-22, 90])
    #expect(result.trades.map(\.entryBar) == [1, 3])
    #expect(result.trades.map(\.exitBar) == [3, 5])
    #expect(result.commissions == 32)
    #expect(result.finalEquity == 10_068)
    #expect(result.finalPortfolio.cash == 10_068)
    #expect(result.openLots.isEmpty)
    #expect(result.ordersRejected == 0)
    #expect(result.timestamps == Self.bars.map(\.timestamp))
    #expect(result.closes == Self.bars.map(\.close))
    // The strategy saw each fill on the close of the bar whose open filled it.
    #expect(
      backtest.strategy.observations.map(\.position) == [0, 100, 100, -50, -50, 0])
    #expect(
      backtest.strategy.observations.map(\.cash) == [
        10_000, 8_889, 8_889, B.decimal("10522.5"), B.decimal("10522.5"), 10_068,
      ])
    #expect(backtest.strategy.observations.map(\.barIndex) == Array(0..<6))
  }

  /// Close fills (`trade_on_close`): bar 0's buy fills at 10.5, bar 2's sell at 12.5, bar 4's buy
  /// at 9.5. Equity is recorded before the strategy acts, as backtesting.py records it, so a
  /// fill's fee shows from the next bar on.
  @Test func closeFillsWorkedByHand() {
    let (result, _) = Self.run(Self.script, fillModel: .barClose)
    #expect(
      result.equity == [
        10_000, B.decimal("10089.5"), B.decimal("10189.5"), B.decimal("10270.75"), B.decimal("10320.75"), 10_316,
      ])
    #expect(result.trades.map(\.trade.entryPrice) == [B.decimal("10.5"), B.decimal("12.5")])
    #expect(result.trades.map(\.trade.exitPrice) == [B.decimal("12.5"), B.decimal("9.5")])
    // 10.50 + 18.75 × 100/150 = 23; 18.75 × 50/150 + 4.75 = 11.
    #expect(result.trades.map(\.trade.commission) == [23, 11])
    #expect(result.trades.map(\.trade.pnl) == [177, 139])
    #expect(result.trades.map(\.entryBar) == [0, 2])
    #expect(result.trades.map(\.exitBar) == [2, 4])
    #expect(result.commissions == 34)
    #expect(result.finalEquity == 10_316)
  }

  /// An order placed on the last bar never fills (there is no next open); a position still open
  /// at the end is not a trade, but it is in the final equity.
  @Test func openAtTheEndIsInEquityButNotInTrades() {
    let (result, backtest) = Self.run([3: [.buy(.units(10))], 5: [.buy(.units(5))]], configuration: .init())
    #expect(result.trades.isEmpty)
    #expect(result.openLots.map(\.quantity) == [10])
    #expect(result.openLots.map(\.entryPrice) == [10])
    // 10,000 − 10 × 10 + 10 × 8.5
    #expect(result.finalEquity == 9_985)
    #expect(backtest.broker.openOrders.map(\.quantity) == [.units(5)])
  }

  /// All available cash in whole units, as backtesting.py sizes it: 9999.999999999998 // (11 + 0.11) = 900.
  @Test func allAvailableSizingBuysWholeUnits() {
    let (result, _) = Self.run([0: [.buy(.allAvailable)]])
    #expect(result.openLots.map(\.quantity) == [900])
    // 10,000 − 900 × 11 − 99 fee.
    #expect(result.finalPortfolio.cash == 1)
  }

  @Test func unaffordableOrdersAreCountedAsRejected() {
    let (result, _) = Self.run([0: [.buy(.units(100))], 1: [.buy(.allAvailable)]], cash: 10)
    #expect(result.ordersRejected == 2)
    #expect(result.equity.allSatisfy { $0 == 10 })
  }
}
