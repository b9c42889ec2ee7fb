import Testing

@testable import TradingCore

/// An order reaches the venue `latency` after it is submitted and cannot fill on market data
/// stamped before that.
@Suite struct SimulatedBrokerLatencyTests {
  typealias F = BrokerFixture

  @Test func noFillBeforeArrival() {
    var broker = SimulatedBroker(cash: 1_000_000, configuration: .init(latency: LatencyModel(nanoseconds: 500_000_000)))
    _ = broker.submit(F.market("B", .buy, 1_000), at: F.start)
    let atSubmission = F.match(&broker, F.quote(bid: "0.70000", ask: "0.70010", at: F.start))
    let justBefore = F.match(&broker, F.quote(bid: "0.70001", ask: "0.70011", at: F.time(milliseconds: 499)))
    #expect(atSubmission.isEmpty)
    #expect(justBefore.isEmpty)
    #expect(broker.openOrders.map(\.id.rawValue) == ["B"])
    #expect(broker.portfolio.cash == 1_000_000)
    // Arrival is inclusive: data stamped exactly 500 ms later meets the order, at its ask.
    let reports = F.match(&broker, F.quote(bid: "0.70002", ask: "0.70012", at: F.time(milliseconds: 500)))
    #expect(F.fills(reports).map(\.price) == [F.decimal("0.70012")])
    #expect(F.fills(reports).map(\.timestamp) == [F.time(milliseconds: 500)])
    #expect(!broker.hasOpenOrders)
  }

  @Test func eachOrderArrivesOnItsOwnClock() {
    var broker = SimulatedBroker(cash: 1_000_000, configuration: .init(latency: LatencyModel(nanoseconds: 100_000_000)))
    _ = broker.submit(F.market("early", .buy, 1), at: F.start)
    _ = broker.submit(F.market("late", .buy, 1), at: F.time(milliseconds: 150))
    let first = F.match(&broker, F.quote(bid: "10", ask: "11", at: F.time(milliseconds: 200)))
    #expect(first.map(\.order.id.rawValue) == ["early"])
    let second = F.match(&broker, F.quote(bid: "12", ask: "13", at: F.time(milliseconds: 250)))
    #expect(second.map(\.order.id.rawValue) == ["late"])
    #expect(F.fills(second).map(\.price) == [13])
  }

  @Test func zeroLatencyFillsOnDataAtTheSubmissionTime() {
    var broker = SimulatedBroker(cash: 1_000_000)
    _ = broker.submit(F.market("B", .buy, 1), at: F.start)
    let reports = F.match(&broker, F.quote(bid: "10", ask: "11", at: F.start))
    #expect(F.fills(reports).count == 1)
    #expect(LatencyModel(nanoseconds: 7).arrival(of: F.start) == F.start.adding(nanoseconds: 7))
  }
}
