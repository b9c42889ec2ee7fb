import Messaging
import Persistence
import TradingCore

/// Carries what the other processes publish — signals, order decisions, fills — to this
/// process's WebSocket clients, as the components do themselves when they share one process.
/// Each stream is read in a consumer group of this process's own, from now on, and acknowledged
/// at once: a client that was not connected does not get history (the REST API has it).
public actor BusEventRelay {
  private let bus: any EventBus
  private let hub: EventHub
  private let readings: [BusConsumer]
  private var stopRequested = false
  public private(set) var relayed = 0
  public private(set) var malformedMessages = 0

  /// - Parameter groupSuffix: makes the groups this process's own (`ws-<stream>-<suffix>`).
  public init(bus: any EventBus, hub: EventHub, groupSuffix: String) {
    self.bus = bus
    self.hub = hub
    readings = [StreamName.signals, .orderDecisions, .orderFills].map { stream in
      let group = "ws-\(stream.rawValue)-\(groupSuffix)"
      return BusConsumer(
        stream: stream, group: group, consumer: group, reclaimAfterIdle: .seconds(5), startAt: .newOnly)
    }
  }

  /// Relays until `finish()` is called and nothing is left, or the task is cancelled.
  public func run() async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
      for reading in readings {
        group.addTask {
          try await reading.run(
            on: self.bus, shouldStop: { await self.stopRequested },
            handle: { await self.handle($0, from: reading.stream) })
        }
      }
      try await group.waitForAll()
    }
  }

  public func finish() { stopRequested = true }

  private func handle(_ message: BusMessage, from stream: StreamName) -> HandlingOutcome {
    do {
      switch stream {
      case .signals:
        hub.publish(.signal(try Signal(busFields: message.fields)))
      case .orderDecisions:
        let decision = try BusEnvelope(busFields: message.fields).decodePayload(as: OrderDecision.self)
        hub.publish(.order(Order(decision: decision), decision: decision))
      default:
        hub.publish(.fill(try BusEnvelope(busFields: message.fields).decodePayload(as: FillRecord.self)))
      }
      relayed += 1
    } catch {
      malformedMessages += 1
    }
    return .done
  }
}
