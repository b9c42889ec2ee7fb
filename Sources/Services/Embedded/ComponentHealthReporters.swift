import Messaging
import Persistence
import TradingCore

/// `/api/status`'s `store`: answers a cheap read and reports how long it took.
public struct StoreHealth: HealthReporting {
  public let componentKey = "store"
  let store: any TradingStore
  let backend: String

  public init(store: any TradingStore, backend: String) {
    self.store = store
    self.backend = backend
  }

  public func health() async -> ComponentHealth {
    let clock = ContinuousClock()
    let started = clock.now
    do {
      let positions = try await store.positions()
      let elapsed = (clock.now - started) / .milliseconds(1)
      return ComponentHealth(
        name: "Store", status: .ok, running: true, version: AITraderVersion.current,
        details: [
          "backend": .string(backend), "query_ms": .number(elapsed), "positions": .number(Double(positions.count)),
        ])
    } catch {
      return ComponentHealth(
        name: "Store", status: .error, running: false, version: AITraderVersion.current,
        details: ["backend": .string(backend), "error": .string("\(error)")])
    }
  }
}

/// `/api/status`'s `event_bus`: each stream's length, and each consumer group's lag and
/// pending count.
public struct EventBusHealth: HealthReporting {
  public let componentKey = "event_bus"
  let bus: any EventBus
  let backend: String
  /// The consumer groups to report, by stream.
  let groups: [(stream: StreamName, group: String)]

  public init(bus: any EventBus, backend: String, groups: [(stream: StreamName, group: String)]) {
    self.bus = bus
    self.backend = backend
    self.groups = groups
  }

  public func health() async -> ComponentHealth {
    var details: [String: JSONValue] = ["backend": .string(backend)]
    var status = ComponentHealth.Status.ok
    for (stream, group) in groups {
      do {
        let length = try await bus.streamLength(stream)
        let lag = try await bus.groupLag(stream: stream, group: group)
        let pending = try await bus.pending(stream: stream, group: group)
        details["\(stream.rawValue).length"] = .number(Double(length))
        details["\(stream.rawValue).\(group).lag"] = .number(Double(lag))
        details["\(stream.rawValue).\(group).pending"] = .number(Double(pending.count))
      } catch EventBusError.noSuchGroup, EventBusError.noSuchStream {
        details["\(stream.rawValue).\(group)"] = .string("not started")
      } catch {
        status = .error
        details["error"] = .string("\(error)")
      }
    }
    return ComponentHealth(
      name: "Event bus", status: status, running: status == .ok, version: AITraderVersion.current, details: details)
  }
}

/// A component this deployment does not run, listed as `not_configured` with the reason.
public struct NotConfiguredComponent: HealthReporting {
  public let componentKey: String
  let name: String
  let reason: String

  public init(componentKey: String, name: String, reason: String) {
    self.componentKey = componentKey
    self.name = name
    self.reason = reason
  }

  public func health() async -> ComponentHealth {
    ComponentHealth(
      name: name, status: .notConfigured, running: false, version: AITraderVersion.current,
      details: ["reason": .string(reason)])
  }
}
