import Broker
import MCP
import Messaging
import Persistence
import Services
import Testing
import TradingCore

/// Reconciliation of the store with a broker that keeps its own books: the broker's word is
/// adopted, every difference is recorded, and no order goes out before the two agree.
@Suite struct BrokerReconcilerTests {
  static let start = Timestamp(secondsSinceEpoch: 1_780_000_000)

  /// A desk with a quote for AAPL, and a client speaking to it over the SDK's in-memory transport.
  static func broker() async throws -> (MockBrokerDesk, MCPBrokerClient) {
    let desk = try MockBrokerDesk(settings: .init(symbols: ["AAPL", "MSFT"], startingCash: 10_000))
    try await desk.updateQuote(Tick(symbol: "AAPL", timestamp: start, bid: 100, ask: 100, volume: 1))
    let tools = MockBrokerTools(desk: desk)
    let client = MCPBrokerClient(callTimeout: .seconds(60)) {
      let (clientSide, serverSide) = await InMemoryTransport.createConnectedPair()
      try await tools.makeServer(version: "test").start(transport: serverSide)
      return clientSide
    }
    return (desk, client)
  }

  static func decision(_ id: String, _ units: Quantity) -> OrderDecision {
    OrderDecision(
      id: OrderID(id), signalID: nil, symbol: "AAPL", side: .buy, quantity: units, confidence: 0.5, timestamp: start)
  }

  @Test func adoptsTheBrokersStateAndRecordsEveryDifference() async throws {
    let (desk, client) = try await Self.broker()
    let store = InMemoryPipelineStore()
    // Placed at the broker, but the answer never reached the store: still `new` here.
    _ = await store.insertOrderIfAbsent(Self.decision("O-inflight", 3))
    _ = try await desk.place(
      PlaceOrderRequest(clientOrderID: "O-inflight", symbol: "AAPL", side: .buy, kind: .market, quantity: 3))
    // Open in the store, unknown to the broker.
    _ = await store.insertOrderIfAbsent(Self.decision("O-lost", 1))
    var accepted = Order(id: OrderID("O-lost"), symbol: "AAPL", side: .buy, quantity: .units(1), createdAt: Self.start)
    accepted.status = .accepted
    await store.updateOrder(accepted, fills: [])
    // At the broker, unknown to the store (placed there by someone else).
    _ = try await desk.place(
      PlaceOrderRequest(clientOrderID: "manual-1", symbol: "AAPL", side: .sell, kind: .market, quantity: 5))

    // A stored fill the broker never made: a position difference, which can only be reported.
    await store.insertFill(
      FillRecord(
        order: OrderID("O-ghost"), sequence: 1,
        fill: Fill(
          orderID: OrderID("O-ghost"), symbol: "MSFT", side: .buy, quantity: 1, price: 10, commission: 0,
          timestamp: Self.start)))

    let bus = InProcessEventBus()
    let reconciler = BrokerReconciler(broker: client, store: store, bus: bus, hub: EventHub(), now: { Self.start })
    #expect(await reconciler.isReconciled == false)
    #expect(await reconciler.reconcile())
    #expect(await reconciler.isReconciled)

    let inflight = try #require(await store.orders[OrderID("O-inflight")])
    #expect(inflight.status == .filled && inflight.filledQuantity == 3)
    #expect(await store.fills.map(\.id).contains("O-inflight#1"))
    #expect(await store.transitions[OrderID("O-inflight")]?.map(\.to) == [.accepted, .filled])
    let lost = try #require(await store.orders[OrderID("O-lost")])
    #expect(lost.status == .rejected)
    #expect(lost.reason == "the broker has no such order (reconciliation)")
    // The foreign order is in the books now, as an order of no signal, with its fill.
    let foreign = try #require(await store.orders[OrderID("manual-1")])
    #expect(foreign.status == .filled && foreign.decision.signalID == nil && foreign.decision.side == .sell)
    #expect(await store.fills.map(\.id) == ["O-ghost#1", "O-inflight#1", "manual-1#1"])
    let kinds = await reconciler.differences.map { "\($0.kind) \($0.subject) \($0.action)" }
    #expect(
      kinds == [
        "order_state O-inflight adopted", "unknown_to_store manual-1 adopted", "unknown_to_broker O-lost adopted",
        "position MSFT reported",
      ])
    let position = try #require(await reconciler.differences.last)
    #expect(position.store == "1" && position.broker == "0")
    // The adopted fills and steps went on the bus for the portfolio and the stream's readers.
    for (stream, count) in [(StreamName.orderFills, 2), (.orderUpdates, 5)] {
      try await bus.createGroup(stream: stream, group: "check", startAt: .beginning)
      #expect(try await bus.read(stream: stream, group: "check", consumer: "c", count: 10, block: nil).count == count)
    }

    // A second pass finds the orders in agreement and AAPL too (3 − 5 = −2 on both sides); only
    // MSFT still differs.
    #expect(await reconciler.reconcile())
    #expect(await reconciler.differences.count == 5)
    #expect(await reconciler.differences.last?.subject == "MSFT")
    let details = await reconciler.health().details
    #expect(details["orders_adopted"] == 3)
    #expect(details["fills_adopted"] == 2)
    #expect(details["reconciled"] == true)
    #expect(await store.allFillsReads == 2, "the books' positions differ: every fill is summed")

    // Once the books hold the broker's positions (AAPL −2, MSFT flat), a pass reads no fill.
    await store.upsertPosition(
      PositionRecord(symbol: "AAPL", quantity: -2, averageEntryPrice: 100, realizedPnL: 0, updatedAt: Self.start))
    await store.upsertPosition(
      PositionRecord(symbol: "MSFT", quantity: 0, averageEntryPrice: 0, realizedPnL: 0, updatedAt: Self.start))
    #expect(await reconciler.reconcile())
    #expect(await store.allFillsReads == 2)
    #expect(await reconciler.differences.count == 5, "nothing new")
    // A book a fill behind the broker is checked against every fill before anything is reported.
    await store.upsertPosition(
      PositionRecord(symbol: "AAPL", quantity: 1, averageEntryPrice: 100, realizedPnL: 0, updatedAt: Self.start))
    #expect(await reconciler.reconcile())
    #expect(await store.allFillsReads == 3)
    let afterBehind = await reconciler.differences
    #expect(afterBehind.count == 6 && afterBehind.last?.subject == "MSFT")
  }

  @Test func noOrderGoesOutUntilReconciledAndAFailedBrokerStopsOrdersAgain() async throws {
    let (_, client) = try await Self.broker()
    let reconciler = BrokerReconciler(
      broker: client, store: InMemoryPipelineStore(), bus: InProcessEventBus(), hub: EventHub())
    #expect(await reconciler.beginPlacement(givingUp: { true }) == false)
    let waiting = Task { await reconciler.beginPlacement() }
    try await Task.sleep(for: .milliseconds(100))
    #expect(await reconciler.reconcile())
    #expect(await waiting.value)
    await reconciler.endPlacement()
    await reconciler.brokerFailed()
    #expect(await reconciler.isReconciled == false)
    #expect(await reconciler.health().status == .error)
  }
}
