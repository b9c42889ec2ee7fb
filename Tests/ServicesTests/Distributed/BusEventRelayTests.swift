import Foundation
import Messaging
import Services
import Testing
import TradingCore

/// The API process's relay turns what other processes publish into WebSocket events: a decision
/// into an `order` in status `new`, and each later step of that order into an `order` in its new
/// status.
@Suite struct BusEventRelayTests {
  @Test(.timeLimit(.minutes(1))) func relaysEachStepOfAnOrderItKnowsAndSkipsOthers() async throws {
    let bus = InProcessEventBus()
    let hub = EventHub()
    let subscription = hub.subscribe()
    let relay = BusEventRelay(bus: bus, hub: hub, groupSuffix: "test")
    let running = Task { try await relay.run() }
    defer { running.cancel() }
    let start = Timestamp(secondsSinceEpoch: 1_780_000_000)
    let decision = OrderDecision(
      id: OrderID("O-1"), signalID: nil, symbol: "MSFT", side: .sell, quantity: 4, confidence: 0.6, timestamp: start)
    let steps =
      OrderTransition.steps(
        of: decision.id, from: .new, to: .filled, filledQuantity: 4, reason: nil, at: start, firstSequence: 1)
      + [
        OrderTransition(
          orderID: OrderID("O-unknown"), sequence: 1, from: .new, to: .accepted, filledQuantity: 0, timestamp: start)
      ]
    // The relay's groups start at the stream's end: wait until they exist.
    for stream in [StreamName.orderDecisions, .orderUpdates] {
      while (try? await bus.groupLag(stream: stream, group: "ws-\(stream.rawValue)-test")) == nil {
        try await Task.sleep(for: .milliseconds(10))
      }
    }
    _ = try await bus.publish(
      to: .orderDecisions, fields: try BusEnvelope(type: "decision", encoding: decision).busFields)
    var events = subscription.events.makeAsyncIterator()
    let created = try #require(await events.next())
    for step in steps {
      _ = try await bus.publish(
        to: .orderUpdates, fields: try BusEnvelope(type: "order_transition", encoding: step).busFields)
    }
    var orders: [JSONValue] = []
    for event in [created, try #require(await events.next()), try #require(await events.next())] {
      #expect(event.type == .order)
      let message = try JSONDecoder().decode(JSONValue.self, from: Data(event.json.utf8))
      orders.append(message["payload"] ?? .null)
    }
    #expect(orders.map { $0["id"] } == ["O-1", "O-1", "O-1"])
    #expect(orders.map { $0["symbol"] } == ["MSFT", "MSFT", "MSFT"])
    #expect(orders.map { $0["status"] } == ["new", "accepted", "filled"])
    #expect(orders.map { $0["filled_quantity"] } == ["0", "0", "4"])
    // The step of an order the relay never saw decided makes no event.
    try await Task.sleep(for: .milliseconds(300))
    #expect(hub.publishedCount == 3)
    await relay.finish()
    hub.unsubscribe(subscription.id)
  }
}
