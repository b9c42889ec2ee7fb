import Foundation
import Services
import Testing

@Suite struct StatusBroadcasterTests {
  @Test(.timeLimit(.minutes(1))) func publishesHeartbeatsAndStatusThatMatchTheContract() async throws {
    let validator = try OpenAPIValidator.load()
    let hub = EventHub()
    let subscription = hub.subscribe()
    let aggregator = StatusAggregator(components: [FixedComponent(componentKey: "event_bus")])
    let broadcaster = StatusBroadcaster(
      status: aggregator, hub: hub, statusInterval: .milliseconds(20), heartbeatInterval: .milliseconds(5),
      logger: quietLogger("broadcaster"))
    let running = Task { await broadcaster.run() }

    var heartbeat: TradingEvent?
    var status: TradingEvent?
    for await event in subscription.events {
      switch event.type {
      case .heartbeat: heartbeat = heartbeat ?? event
      case .status: status = status ?? event
      default: Issue.record("unexpected \(event.type)")
      }
      if heartbeat != nil, status != nil { break }
    }
    running.cancel()
    await running.value
    hub.unsubscribe(subscription.id)

    let heartbeatMessage = try JSONDecoder().decode(JSONValue.self, from: Data(try #require(heartbeat).json.utf8))
    #expect(heartbeatMessage["type"] == "heartbeat")
    #expect(
      validator.violations(of: heartbeatMessage["payload"]?["timestamp"] ?? .null, againstSchemaNamed: "Timestamp")
        == [])

    let statusMessage = try JSONDecoder().decode(JSONValue.self, from: Data(try #require(status).json.utf8))
    #expect(statusMessage["type"] == "status")
    #expect(validator.violations(of: statusMessage["payload"] ?? .null, againstSchemaNamed: "SystemStatus") == [])
    #expect(statusMessage["payload"]?["components"]?["event_bus"]?["status"] == "ok")
  }
}
