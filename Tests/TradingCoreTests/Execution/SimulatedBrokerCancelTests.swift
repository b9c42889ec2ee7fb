import Testing

@testable import TradingCore

/// A cancelled order leaves the book and never fills; cancelling twice, or an unknown id, does nothing.
@Suite struct SimulatedBrokerCancelTests {
  typealias F = BrokerFixture

  @Test func aCancelledOrderNeverFills() throws {
    var broker = SimulatedBroker(cash: 1_000_000, configuration: .init(latency: LatencyModel(nanoseconds: 1_000)))
    let accepted = broker.submit(F.market("A", .buy, 10), at: F.start)
    _ = broker.submit(F.market("B", .sell, 4), at: F.start)
    #expect(accepted.status == .accepted)
    let cancelledOrNil = broker.cancel(OrderID("A"))
    let cancelled = try #require(cancelledOrNil)
    #expect(cancelled.status == .cancelled)
    #expect(cancelled.id == OrderID("A"))
    #expect(broker.openOrders.map(\.id.rawValue) == ["B"])
    let reports = F.match(&broker, F.quote(bid: "10", ask: "11", at: F.start.adding(seconds: 1)))
    #expect(reports.map(\.order.id.rawValue) == ["B"])
    #expect(broker.portfolio.quantity(of: F.symbol) == -4)
  }

  @Test func cancellingWhatIsNotOpenReturnsNil() {
    var broker = SimulatedBroker(cash: 1_000_000)
    _ = broker.submit(F.market("A", .buy, 10), at: F.start)
    _ = F.match(&broker, F.quote(bid: "10", ask: "11"))
    let filled = broker.cancel(OrderID("A"))
    let unknown = broker.cancel(OrderID("nope"))
    _ = broker.submit(F.market("C", .buy, 1), at: F.start)
    let first = broker.cancel(OrderID("C"))
    let second = broker.cancel(OrderID("C"))
    #expect(filled == nil)
    #expect(unknown == nil)
    #expect(first?.status == .cancelled)
    #expect(second == nil)
    #expect(!broker.hasOpenOrders)
  }
}
