import Broker
import Foundation
import Logging
import MCP
import Synchronization
import Testing
import TradingCore

/// `MCPBrokerClient` against the mock broker's MCP server over the SDK's in-memory transport:
/// the same answers as the desk, and an order whose answer is lost is found, not doubled.
@Suite struct MCPBrokerClientTests {
  /// A client connected to a fresh server on `desk` for each session it opens; `dropping` loses
  /// the answer to that many `place_order` calls after the server carried them out.
  static func client(
    desk: MockBrokerDesk, dropping: Int = 0, timeout: Duration = .seconds(60)
  ) -> MCPBrokerClient {
    let tools = MockBrokerTools(desk: desk)
    let drops = DropBudget(dropping)
    return MCPBrokerClient(callTimeout: timeout) {
      let (clientSide, serverSide) = await InMemoryTransport.createConnectedPair()
      let server = await tools.makeServer(version: "test")
      try await server.start(transport: serverSide)
      return AnswerDroppingTransport(inner: clientSide, drops: drops)
    }
  }

  static func market(_ id: String, _ side: Side, _ units: Quantity) -> Order {
    Order(id: OrderID(id), symbol: "AAPL", side: side, quantity: .units(units), createdAt: MockBrokerDeskTests.start)
  }

  @Test func placesThroughTheToolsAndReadsTheAccountBack() async throws {
    let desk = try MockBrokerDeskTests.desk(commission: Fixed("0.001")!)
    try await desk.updateQuote(MockBrokerDeskTests.quote(bid: 99, ask: 101))
    let client = Self.client(desk: desk)
    let placement = try await client.place(Self.market("O-1", .buy, 10))
    #expect(placement.order.status == .filled)
    #expect(placement.order.filledQuantity == 10)
    #expect(placement.fills.map(\.orderID) == [OrderID("O-1")])
    #expect(placement.fills.map(\.price) == [101])
    #expect(placement.fills.map(\.commission) == [Fixed("1.01")!])
    let account = try await client.account()
    #expect(account.cash == Fixed("8988.99")!)
    // Marked at the bid: 8,988.99 + 10 × 99.
    #expect(account.equity == Fixed("9978.99")!)
    #expect(account.positions == ["AAPL": 10])
    #expect(account.marks == ["AAPL": 99])
    // The same order again is the same placement, and trades nothing.
    #expect(try await client.place(Self.market("O-1", .buy, 10)) == placement)
    #expect(await desk.orderCount == 1)
  }

  @Test func refusalsAreRefusedAndUnknownCancelsAreUnknown() async throws {
    let desk = try MockBrokerDeskTests.desk()
    let client = Self.client(desk: desk)
    var order = Self.market("O-2", .buy, 1)
    order.symbol = "NFLX"
    await #expect(throws: BrokerError.refused("unknown symbol 'NFLX': this broker trades AAPL, MSFT")) {
      try await client.place(order)
    }
    await #expect(throws: BrokerError.unknownOrder(OrderID("O-404"))) { try await client.cancel(OrderID("O-404")) }
  }

  @Test func anOrderWhoseAnswerIsLostIsLookedUpNotSentAgain() async throws {
    let desk = try MockBrokerDeskTests.desk()
    try await desk.updateQuote(MockBrokerDeskTests.quote(bid: 100, ask: 100))
    // The lost answer is noticed when the time limit passes; generous, as the suite runs beside
    // CPU-bound tests that can hold the cooperative threads for seconds.
    let client = Self.client(desk: desk, dropping: 1, timeout: .seconds(5))
    let placement = try await client.place(Self.market("O-3", .buy, 4))
    #expect(placement.order.status == .filled)
    #expect(placement.fills.map(\.quantity) == [4])
    #expect(await desk.orderCount == 1)
    #expect(await desk.holdings().map(\.quantity) == [4])
    // The lost answer ended the first session; the lookup went through a second.
    #expect(await client.sessionCount == 2)
  }
}

/// Passes messages through, except that it loses the server's answer to the next `drops`
/// `place_order` requests (the server still carries them out), as a connection cut after the
/// request would.
actor AnswerDroppingTransport: Transport {
  nonisolated let logger: Logger
  private let inner: InMemoryTransport
  private let drops: DropBudget
  private var droppedIDs: Set<String> = []
  private let stream: AsyncThrowingStream<Data, any Error>
  private let continuation: AsyncThrowingStream<Data, any Error>.Continuation
  private var pump: Task<Void, Never>?

  init(inner: InMemoryTransport, drops: DropBudget) {
    self.inner = inner
    self.drops = drops
    logger = inner.logger
    (stream, continuation) = AsyncThrowingStream.makeStream()
  }

  func connect() async throws {
    try await inner.connect()
    let messages = await inner.receive()
    pump = Task {
      do {
        for try await message in messages where !self.isDropped(message) { continuation.yield(message) }
        continuation.finish()
      } catch {
        continuation.finish(throwing: error)
      }
    }
  }

  func disconnect() async {
    pump?.cancel()
    continuation.finish()
    await inner.disconnect()
  }

  func send(_ data: Data) async throws {
    if let message = try? JSONDecoder().decode(Probe.self, from: data), message.method == "tools/call",
      message.params?.name == "place_order", let id = message.id,
      drops.take()
    {
      droppedIDs.insert(id.text)
    }
    try await inner.send(data)
  }

  func receive() -> AsyncThrowingStream<Data, any Error> { stream }

  private func isDropped(_ message: Data) -> Bool {
    guard let answer = try? JSONDecoder().decode(Probe.self, from: message), let id = answer.id else { return false }
    return droppedIDs.contains(id.text)
  }

  /// The parts of a JSON-RPC message this transport looks at.
  private struct Probe: Decodable {
    struct Params: Decodable { var name: String? }
    var id: ID?
    var method: String?
    var params: Params?
  }
}

/// How many answers are still to be lost, shared by every session of one client.
final class DropBudget: Sendable {
  private let left: Mutex<Int>
  init(_ count: Int) { left = Mutex(count) }

  /// Uses one drop; false when none is left.
  func take() -> Bool {
    left.withLock { left in
      guard left > 0 else { return false }
      left -= 1
      return true
    }
  }
}

extension ID {
  fileprivate var text: String {
    switch self {
    case .string(let text): text
    case .number(let number): String(number)
    }
  }
}
