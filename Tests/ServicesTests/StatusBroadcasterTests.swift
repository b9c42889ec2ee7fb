import Foundation
import Services
import Synchronization
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

  /// A component that counts how often it is asked.
  final class CountedComponent: HealthReporting {
    let componentKey = "event_bus"
    private let asked = Mutex(0)
    var count: Int { asked.withLock { $0 } }

    func health() async -> ComponentHealth {
      asked.withLock { $0 += 1 }
      return ComponentHealth(name: "bus", status: .ok, running: true, version: "test")
    }
  }

  @Test(.timeLimit(.minutes(1))) func theStatusIsGatheredOnlyWhileSomeoneListens() async throws {
    let hub = EventHub()
    let component = CountedComponent()
    let broadcaster = StatusBroadcaster(
      status: StatusAggregator(components: [component]), hub: hub, statusInterval: .milliseconds(5),
      heartbeatInterval: .milliseconds(5), logger: quietLogger("broadcaster"))
    let running = Task { await broadcaster.run() }
    try await Task.sleep(for: .milliseconds(100))
    #expect(component.count == 0, "twenty intervals and no listener: nobody asked")
    let subscription = hub.subscribe()
    for await event in subscription.events where event.type == .status { break }
    #expect(component.count >= 1)
    running.cancel()
    await running.value
    hub.unsubscribe(subscription.id)
  }
}
