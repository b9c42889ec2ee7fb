import Foundation
import Testing

@testable import TradingCore

/// The whole backtester against backtesting.py 0.6.6 on its canonical example:
/// `Backtest(GOOG, SmaCross(10, 20), cash=10_000, commission=.002, exclusive_orders=True)`.
///
/// Expected values are the peer's output, committed: its stats table (figures below), its
/// trade list and its per-bar equity (`Fixtures/parity/`).
@Suite struct GOOGParityTests {
  static func runSmaCross() throws -> BacktestResult {
    let bars = try BarCSVParser().parse(BarCSVGoogTests.googBytes())
    var backtest = BarBacktest(
      symbol: "GOOG", strategy: SmaCrossStrategy(fastPeriod: 10, slowPeriod: 20), cash: Fixed(10_000),
      configuration: .init(commission: CommissionModel(rate: Fixed("0.002")!)))
    return backtest.run(bars)
  }

  static func fixtureRows(_ name: String) throws -> [[String]] {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/parity/\(name)", withExtension: "csv"))
    let text = try String(contentsOf: url, encoding: .utf8)
    return text.split(whereSeparator: \.isNewline).dropFirst().map { line in
      line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
  }

  static func expectCents(_ ours: Money, _ peer: String, _ what: String) {
    let peerValue = Double(peer)!
    #expect(abs(ours.doubleValue - peerValue) < 0.005, "\(what): ours \(ours), peer \(peer)")
  }

  @Test func tenHeadlineFiguresEqualThePeers() throws {
    let result = try Self.runSmaCross()
    let stats = result.statistics
    func expectRatio(_ ours: Double, _ peer: Double, _ what: String) {
      #expect(abs(ours - peer) <= 1e-6 * abs(peer), "\(what): ours \(ours), peer \(peer)")
    }
    expectRatio(stats.returnPct, 462.6351934, "Return [%]")
    #expect(result.finalEquity.rounded(places: 2) == Fixed("56263.52")!)
    #expect(stats.trades == 93)
    expectRatio(stats.winRatePct, 52.688172043, "Win Rate [%]")
    expectRatio(stats.sharpe, 0.600739973, "Sharpe")
    expectRatio(stats.sortino, 1.1450872478, "Sortino")
    expectRatio(stats.maxDrawdownPct, -33.9315918291, "Max. Drawdown [%]")
    expectRatio(stats.cagrPct, 22.4446420571, "CAGR [%]")
    expectRatio(stats.exposurePct, 94.2737430168, "Exposure Time [%]")
    let commissions = result.trades.reduce(Money.zero) { $0 + $1.trade.commission }
    #expect(commissions.rounded(places: 2) == Fixed("10563.95")!)
  }

  @Test func everyTradeEqualsThePeers() throws {
    let result = try Self.runSmaCross()
    let peer = try Self.fixtureRows("smacross_goog_trades")
    #expect(result.trades.count == peer.count)
    for (ours, row) in zip(result.trades, peer) {
      // Size,EntryBar,ExitBar,EntryPrice,ExitPrice,SL,TP,PnL,Commission,ReturnPct,EntryTime,ExitTime,…
      let trade = ours.trade
      #expect(trade.quantity == Fixed(row[0])!, "size")
      #expect(ours.entryBar == Int(row[1])!, "entry bar")
      #expect(ours.exitBar == Int(row[2])!, "exit bar")
      #expect(trade.entryPrice == Fixed(row[3])!, "entry price")
      #expect(trade.exitPrice == Fixed(row[4])!, "exit price")
      Self.expectCents(trade.pnl, row[7], "PnL of trade entered at bar \(row[1])")
      Self.expectCents(trade.commission, row[8], "commission of trade entered at bar \(row[1])")
      #expect(abs(trade.returnFraction - Double(row[9])!) < 1e-12, "return of trade entered at bar \(row[1])")
    }
  }

  @Test func equityEqualsThePeersOnEveryBar() throws {
    let result = try Self.runSmaCross()
    let peer = try Self.fixtureRows("smacross_goog_equity")
    #expect(result.equity.count == peer.count)
    for (index, (ours, row)) in zip(result.equity, peer).enumerated() {
      Self.expectCents(ours, row[1], "equity at bar \(index) (\(row[0]))")
    }
  }

  /// Cash and open lots reconcile exactly with the fills: the books never drift.
  @Test func booksReconcileExactly() throws {
    let result = try Self.runSmaCross()
    let portfolio = result.finalPortfolio
    let realized = portfolio.closedTrades.reduce(Money.zero) { $0 + $1.pnl }
    let openCost = result.openLots.reduce(Money.zero) { $0 + $1.quantity * $1.entryPrice + $1.entryCommission }
    #expect(portfolio.cash == portfolio.startingCash + realized - openCost)
  }
}
