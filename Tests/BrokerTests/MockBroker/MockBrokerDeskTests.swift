import Broker
import Foundation
import Testing
import TradingCore

/// The mock broker's desk: fills against its quotes, one order per client id, every transition
/// recorded, and everything back after a restart from its journal.
@Suite struct MockBrokerDeskTests {
  static let start = CivilDateTime(year: 2026, month: 3, day: 2, hour: 15).timestamp

  static func quote(_ symbol: String = "AAPL", bid: Price, ask: Price, second: Int64 = 0) -> Tick {
    Tick(symbol: symbol, timestamp: start.adding(seconds: second), bid: bid, ask: ask, volume: 100)
  }

  static func desk(journal: String? = nil, commission: Fixed = .zero) throws -> MockBrokerDesk {
    try MockBrokerDesk(
      settings: .init(
        symbols: ["AAPL", "MSFT"], startingCash: 10_000,
        simulation: SimulatedBroker.Configuration(commission: CommissionModel(rate: commission)),
        journalPath: journal))
  }

  static func buy(_ client: String, _ units: Quantity, limit: Price? = nil, symbol: String = "AAPL")
    -> PlaceOrderRequest
  {
    PlaceOrderRequest(
      clientOrderID: client, symbol: symbol, side: .buy, kind: limit == nil ? .market : .limit, quantity: units,
      limitPrice: limit)
  }

  static func temporaryJournal() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("mock-broker-\(UUID().uuidString)/journal.jsonl")
      .path
  }

  @Test func aMarketOrderFillsAtTheAskWithItsCommissionAndEveryTransition() async throws {
    let desk = try Self.desk(commission: Fixed("0.001")!)
    try await desk.updateQuote(Self.quote(bid: 99, ask: 101))
    let detail = try await desk.place(Self.buy("c-1", 10))
    #expect(detail.duplicate == false)
    #expect(detail.order.orderID == "B-00000001")
    #expect(detail.order.status == .filled)
    #expect(detail.order.history.map(\.status) == [.new, .accepted, .filled])
    #expect(detail.order.averagePrice == 101)
    // 10 × 101 = 1,010 of notional, 0.1 % of it = 1.01 of commission.
    #expect(detail.fills.map(\.price) == [101])
    #expect(detail.fills.map(\.commission) == [Fixed("1.01")!])
    let margins = await desk.margins()
    #expect(margins.cash == Fixed("8988.99")!)
    // Marked at the bid, 99, as the simulated broker marks a quote: 8,988.99 + 990.
    #expect(margins.equity == Fixed("9978.99")!)
    #expect(await desk.holdings().map(\.quantity) == [10])
  }

  @Test func oneClientIDMakesOneOrder() async throws {
    let desk = try Self.desk()
    try await desk.updateQuote(Self.quote(bid: 100, ask: 100))
    let first = try await desk.place(Self.buy("same", 5))
    let again = try await desk.place(Self.buy("same", 7))
    #expect(again.duplicate == true)
    #expect(again.order == first.order)
    #expect(await desk.orderCount == 1)
    #expect(await desk.holdings().map(\.quantity) == [5])
  }

  @Test func refusesUnknownSymbolsAndRejectsWithoutAQuote() async throws {
    let desk = try Self.desk()
    await #expect(throws: MockBrokerError.unknownSymbol("NFLX", known: ["AAPL", "MSFT"])) {
      try await desk.place(Self.buy("c-1", 1, symbol: "NFLX"))
    }
    let unquoted = try await desk.place(Self.buy("c-2", 1, symbol: "MSFT"))
    #expect(unquoted.order.status == .rejected)
    #expect(unquoted.order.reason == "no quote for MSFT yet")
    #expect(unquoted.order.history.map(\.status) == [.new, .rejected])
    #expect(await desk.orderCount == 1)
  }

  @Test func aLimitOrderRestsFillsWhenReachedAndOnlyOpenOrdersCancel() async throws {
    let desk = try Self.desk()
    try await desk.updateQuote(Self.quote(bid: 100, ask: 101))
    let resting = try await desk.place(Self.buy("limit", 2, limit: 95))
    #expect(resting.order.status == .accepted)
    #expect(await desk.orders(filter: .open).map(\.clientOrderID) == ["limit"])
    try await desk.updateQuote(Self.quote(bid: 94, ask: Fixed("94.5")!, second: 1))
    let filled = try await desk.detail("limit")
    #expect(filled.order.status == .filled)
    #expect(filled.fills.map(\.price) == [Fixed("94.5")!])
    #expect(filled.order.history.map(\.status) == [.new, .accepted, .filled])
    await #expect(throws: MockBrokerError.notOpen("limit", status: "filled")) { try await desk.cancel("limit") }

    let other = try await desk.place(Self.buy("limit-2", 1, limit: 50))
    let cancelled = try await desk.cancel(other.order.orderID)
    #expect(cancelled.order.status == .cancelled)
    #expect(await desk.orders(filter: .open).isEmpty)
    await #expect(throws: MockBrokerError.unknownOrder("nope")) { try await desk.detail("nope") }
  }

  @Test func aRestartedDeskKnowsEveryOrderAndItsRestingOrdersStillFill() async throws {
    let journal = Self.temporaryJournal()
    let first = try Self.desk(journal: journal, commission: Fixed("0.001")!)
    try await first.updateQuote(Self.quote(bid: 100, ask: 101))
    _ = try await first.place(Self.buy("market", 10))
    _ = try await first.place(Self.buy("resting", 3, limit: 90))
    let ordersBefore = await first.orders()
    let positionsBefore = await first.positions()
    let cashBefore = await first.margins().cash

    let second = try Self.desk(journal: journal, commission: Fixed("0.001")!)
    #expect(await second.orders() == ordersBefore)
    #expect(await second.positions().map(\.quantity) == positionsBefore.map(\.quantity))
    #expect(await second.margins().cash == cashBefore)
    // The same client id still answers the first order; a new order gets the next broker id.
    #expect(try await second.place(Self.buy("market", 99)).duplicate == true)
    try await second.updateQuote(Self.quote(bid: 100, ask: 101, second: 1))
    #expect(try await second.place(Self.buy("after", 1)).order.orderID == "B-00000003")
    // The resting order was put back on the book and fills when the price comes.
    try await second.updateQuote(Self.quote(bid: 89, ask: Fixed("89.5")!, second: 2))
    #expect(try await second.detail("resting").order.status == .filled)
    #expect(await second.holdings().map(\.quantity) == [14])
  }

  @Test func aTornLastLineIsSkippedAndACorruptLineStopsTheStart() async throws {
    let journal = Self.temporaryJournal()
    let desk = try Self.desk(journal: journal)
    try await desk.updateQuote(Self.quote(bid: 100, ask: 100))
    _ = try await desk.place(Self.buy("kept", 1))
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: journal))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(#"{"order":{"order_id":"B-0000"#.utf8))
    try handle.close()
    #expect(try await Self.desk(journal: journal).orders().map(\.clientOrderID) == ["kept"])

    var text = try String(contentsOfFile: journal, encoding: .utf8)
    text = "not json\n" + text
    try text.write(toFile: journal, atomically: true, encoding: .utf8)
    #expect {
      _ = try Self.desk(journal: journal)
    } throws: { error in
      "\(error)".contains("line 1 is not a journal entry")
    }
  }
}
