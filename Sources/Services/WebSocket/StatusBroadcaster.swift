import Logging
import ServiceLifecycle
import TradingCore

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Publishes the system status (every 5 s by default) and a heartbeat (every second by
/// default) into the `EventHub`, for every WebSocket client.
///
/// Stops on graceful shutdown or cancellation.
public struct StatusBroadcaster: Service {
  private let status: any StatusProviding
  private let hub: EventHub
  private let statusInterval: Duration
  private let heartbeatInterval: Duration
  private let logger: Logger

  public init(
    status: some StatusProviding, hub: EventHub, statusInterval: Duration = .seconds(5),
    heartbeatInterval: Duration = .seconds(1), logger: Logger = Logger(label: "aitrader.status-broadcaster")
  ) {
    precondition(statusInterval > .zero && heartbeatInterval > .zero, "intervals must be positive")
    self.status = status
    self.hub = hub
    self.statusInterval = statusInterval
    self.heartbeatInterval = heartbeatInterval
    self.logger = logger
  }

  public func run() async {
    let (status, hub, logger) = (status, hub, logger)
    let (statusInterval, heartbeatInterval) = (statusInterval, heartbeatInterval)
    await cancelWhenGracefulShutdown {
      await withDiscardingTaskGroup { group in
        group.addTask {
          await Self.repeating(every: heartbeatInterval) { hub.publish(.heartbeat(at: WallClock.now())) }
        }
        group.addTask {
          await Self.repeating(every: statusInterval) {
            // Gathering the status asks every component; nobody listening, nobody is asked.
            guard hub.subscriberCount > 0 else { return }
            do {
              let event = try TradingEvent.status(await status.systemStatus())
              hub.publish(event)
            } catch {
              logger.error("could not encode the system status", metadata: ["error": "\(error)"])
            }
          }
        }
      }
    }
  }

  /// Runs `action` after every `interval` until the task is cancelled.
  private static func repeating(every interval: Duration, _ action: @Sendable () async -> Void) async {
    while (try? await Task.sleep(for: interval)) != nil {
      await action()
    }
  }
}

extension TradingEvent {
  /// `{"type":"heartbeat","payload":{"timestamp":"<ISO 8601>"}}`.
  public static func heartbeat(at time: Timestamp) -> TradingEvent {
    TradingEvent(
      type: .heartbeat, symbol: nil,
      json: #"{"type":"heartbeat","payload":{"timestamp":"# + JSONText.quoted(time.iso8601) + "}}")
  }

  /// `{"type":"status","payload":<the SystemStatus JSON of /api/status>}`.
  public static func status(_ status: SystemStatus) throws -> TradingEvent {
    struct Message: Encodable {
      let type = "status"
      let payload: SystemStatus
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let json = String(decoding: try encoder.encode(Message(payload: status)), as: UTF8.self)
    return TradingEvent(type: .status, symbol: nil, json: json)
  }
}
