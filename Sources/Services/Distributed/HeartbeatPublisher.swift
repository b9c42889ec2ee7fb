import Logging
import Messaging
import ServiceLifecycle
import TradingCore

/// Beats on `system:heartbeat` every `interval` for one instance of a component, with the
/// status its `health` gives at that moment, until a graceful shutdown. A beat the bus refuses
/// is logged and skipped: the next one says the same, and `/api/status` allows missed beats.
public struct HeartbeatPublisher: Service {
  let bus: any EventBus
  let component: String
  let instance: String
  let url: @Sendable () async -> String
  let interval: Duration
  let health: @Sendable () async -> ComponentHealth.Status
  let logger: Logger

  /// - Parameter url: the base URL of the instance's `/health`, asked at each beat (the port is
  ///   known once the server is bound).
  public init(
    bus: any EventBus, component: String, instance: String, url: @escaping @Sendable () async -> String,
    interval: Duration, health: @escaping @Sendable () async -> ComponentHealth.Status, logger: Logger
  ) {
    self.bus = bus
    self.component = component
    self.instance = instance
    self.url = url
    self.interval = interval
    self.health = health
    self.logger = logger
  }

  public func run() async throws {
    await cancelWhenGracefulShutdown {
      while !Task.isCancelled {
        let beat = Heartbeat(
          component: component, instance: instance, url: await url(), status: await health(),
          timestamp: WallClock.now(), interval: interval)
        do {
          _ = try await bus.publish(to: .systemHeartbeat, fields: beat.busFields)
        } catch {
          logger.warning("heartbeat not published", metadata: ["error": "\(error)"])
        }
        try? await Task.sleep(for: interval)
      }
    }
  }
}
