import Testing

@testable import TradingCore

/// Limit orders fill only when the market reaches the limit — a buy when the low is at or below
/// it, a sell when the high is at or above it — and then at the limit or the better open
/// (backtesting.py: a long limit fills at `min(open, limit)`).
@Suite struct SimulatedBrokerLimitOrderTests {
  typealias F = BrokerFixture

  static func fillPrices(_ order: Order, _ snapshots: [MarketSnapshot]) -> [Price?] {
    snapshots.map { snapshot in
      var broker = SimulatedBroker(cash: 1_000_000)
      _ = broker.submit(order, at: F.start)
      return F.fills(F.match(&broker, snapshot)).first?.price
    }
  }

  @Test func buyLimitFillsWhenTheLowReachesItAtTheBetterPrice() {
    let order = F.limit("L", .buy, 10, at: 100)
    let prices = Self.fillPrices(
      order,
      [
        F.barAtOpen(open: "102", high: "103", low: "99", close: "101"),  // crosses: at the limit
        F.barAtOpen(open: "98", high: "99", low: "97", close: "98"),  // opens below: at the open
        F.barAtOpen(open: "101", high: "102", low: "100", close: "101"),  // low touches the limit
        F.barAtOpen(open: "101", high: "102", low: "100.01", close: "101"),  // never reaches it
      ])
    #expect(prices == [100, 98, 100, nil])
  }

  @Test func sellLimitFillsWhenTheHighReachesItAtTheBetterPrice() {
    let order = F.limit("L", .sell, 10, at: 105)
    let prices = Self.fillPrices(
      order,
      [
        F.barAtOpen(open: "103", high: "106", low: "102", close: "104"),  // crosses: at the limit
        F.barAtOpen(open: "107", high: "108", low: "106", close: "107"),  // opens above: at the open
        F.barAtOpen(open: "104", high: "105", low: "103", close: "104"),  // high touches the limit
        F.barAtOpen(open: "104", high: "104.99", low: "103", close: "104"),  // never reaches it
      ])
    #expect(prices == [105, 107, 105, nil])
  }

  @Test func anUnfilledLimitWaitsForALaterSnapshot() {
    var broker = SimulatedBroker(cash: 1_000_000)
    _ = broker.submit(F.limit("L", .buy, 10, at: 100), at: F.start)
    let notReached = F.match(&broker, F.barAtOpen(open: "101", high: "102", low: "100.5", close: "101"))
    #expect(notReached.isEmpty)
    #expect(broker.openOrders.map(\.status) == [.accepted])
    let reports = F.match(
      &broker, F.barAtOpen(open: "100.5", high: "101", low: "99.5", close: "100", at: F.start.adding(seconds: 60)))
    #expect(F.fills(reports).map(\.price) == [100])
    #expect(F.fills(reports).map(\.timestamp) == [F.start.adding(seconds: 60)])
    #expect(!broker.hasOpenOrders)
  }

  /// On a quote the best price a buyer can get is the ask and a seller the bid: a limit inside
  /// the spread does not trade, one the quote crosses trades at the quote.
  @Test func quotesFillLimitsOnlyWhenTheyCrossThem() {
    let insideSpread = F.quote(bid: "0.70005", ask: "0.70015")
    #expect(Self.fillPrices(F.limit("B", .buy, 1_000, at: F.decimal("0.7001")), [insideSpread]) == [nil])
    #expect(Self.fillPrices(F.limit("S", .sell, 1_000, at: F.decimal("0.7001")), [insideSpread]) == [nil])
    #expect(
      Self.fillPrices(F.limit("B", .buy, 1_000, at: F.decimal("0.7002")), [insideSpread]) == [F.decimal("0.70015")])
    #expect(
      Self.fillPrices(F.limit("S", .sell, 1_000, at: F.decimal("0.7")), [insideSpread]) == [F.decimal("0.70005")])
  }
}
