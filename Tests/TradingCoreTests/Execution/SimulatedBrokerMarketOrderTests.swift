import Testing

@testable import TradingCore

/// Market orders take the snapshot's price — the ask to buy, the bid to sell — less slippage,
/// pay their commission, and are booked into the portfolio. Amounts worked by hand.
@Suite struct SimulatedBrokerMarketOrderTests {
  typealias F = BrokerFixture

  @Test func buysAtTheAskAndSellsAtTheBid() throws {
    var broker = SimulatedBroker(cash: 1_000_000)
    _ = broker.submit(F.market("B", .buy, 100_000), at: F.start)
    let bought = F.match(&broker, F.quote(bid: "0.70000", ask: "0.70020"))
    let buy = try #require(F.fills(bought).first)
    #expect(buy.price == F.decimal("0.7002"))
    #expect(buy.quantity == 100_000)
    #expect(bought.first?.order.status == .filled)
    #expect(bought.first?.order.filledQuantity == 100_000)
    // 1,000,000 − 100,000 × 0.7002; marked at the bid, the spread is already lost.
    #expect(broker.portfolio.cash == 929_980)
    #expect(broker.equity == 999_980)

    _ = broker.submit(F.market("S", .sell, 100_000), at: F.start)
    let sold = F.match(&broker, F.quote(bid: "0.70050", ask: "0.70070"))
    #expect(F.fills(sold).map(\.price) == [F.decimal("0.7005")])
    #expect(broker.portfolio.cash == 1_000_030)
    #expect(broker.portfolio.quantity(of: F.symbol) == .zero)
    #expect(broker.portfolio.closedTrades.map(\.pnl) == [30])
    #expect(!broker.hasOpenOrders)
  }

  @Test func aBarFillsAtItsOpenAndIsValuedAtItsClose() throws {
    var broker = SimulatedBroker(
      cash: 10_000, configuration: .init(commission: CommissionModel(rate: F.decimal("0.002"))))
    _ = broker.submit(F.market("B", .buy, 59), at: F.start)
    let reports = F.match(&broker, F.barAtOpen(open: "169.02", high: "171", low: "168", close: "170.5"))
    let fill = try #require(F.fills(reports).first)
    #expect(fill.price == F.decimal("169.02"))
    #expect(fill.commission == F.decimal("19.94436"))
    // 10,000 − 59 × 169.02 − 19.94436 = 7.87564; equity at the close: 7.87564 + 59 × 170.5.
    #expect(broker.portfolio.cash == F.decimal("7.87564"))
    #expect(broker.equity == F.decimal("10067.37564"))
    #expect(broker.marks[F.symbol] == F.decimal("170.5"))
  }

  @Test func slippageMovesBothSidesAgainstTheTrader() {
    var broker = SimulatedBroker(cash: 100_000, configuration: .init(slippage: SlippageModel(basisPoints: 10)))
    _ = broker.submit(F.market("B", .buy, 10), at: F.start)
    _ = broker.submit(F.market("S", .sell, 10), at: F.start)
    let reports = F.match(&broker, F.quote(bid: "100", ask: "100"))
    #expect(F.fills(reports).map(\.price) == [F.decimal("100.1"), F.decimal("99.9")])
    #expect(broker.portfolio.closedTrades.map(\.pnl) == [-2])
    #expect(broker.portfolio.cash == 99_998)
  }

  @Test func ordersFillInTheOrderTheyWereSubmitted() {
    var broker = SimulatedBroker(cash: 100_000)
    _ = broker.submit(F.market("first", .sell, 3), at: F.start)
    _ = broker.submit(F.market("second", .buy, 5), at: F.start)
    _ = broker.submit(F.market("third", .sell, 1), at: F.start)
    let reports = F.match(&broker, F.quote(bid: "10", ask: "11"))
    #expect(reports.map(\.order.id.rawValue) == ["first", "second", "third"])
    #expect(broker.portfolio.quantity(of: F.symbol) == 1)
  }

  @Test func anotherSymbolsMarketFillsNothing() {
    var broker = SimulatedBroker(cash: 100_000)
    _ = broker.submit(F.market("other", .buy, 1, symbol: "ABC"), at: F.start)
    let ownSymbol = F.match(&broker, F.quote(bid: "10", ask: "11"))
    #expect(ownSymbol.isEmpty)
    #expect(broker.openOrders.map(\.id.rawValue) == ["other"])
    let otherSymbol = F.match(&broker, F.quote(bid: "20", ask: "21"), symbol: "ABC")
    #expect(F.fills(otherSymbol).map(\.price) == [21])
  }
}
