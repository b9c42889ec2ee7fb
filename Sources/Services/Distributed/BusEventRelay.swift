import Messaging
import Persistence
import TradingCore

/// Carries what the other processes publish — signals, order decisions, order transitions,
/// fills — to this process's WebSocket clients, as the components do themselves when they share
/// one process. Each stream is read in a consumer group of this process's own, from now on, and
/// taken as acknowledged on delivery (`NOACK`): a client that was not connected does not get
/// history (the REST API has it), and nothing is relayed twice.
///
/// A decision goes out as an `order` event in status `new`; each later step of that order
/// (`orders:updates`) as an `order` event in its new status, built from the decision, which is
/// remembered for the last `rememberedOrders` orders. A step of an order not remembered (decided
/// before this process started, or placed at the broker by someone else) is left to REST.
public actor BusEventRelay {
  private let bus: any EventBus
  private let hub: EventHub
  private let readings: [BusConsumer]
  private var stopRequested = false
  private var decisions: [OrderID: OrderDecision] = [:]
  private var decisionOrder: RingBuffer<OrderID>
  public private(set) var relayed = 0
  public private(set) var malformedMessages = 0

  /// - Parameter groupSuffix: makes the groups this process's own (`ws-<stream>-<suffix>`).
  public init(bus: any EventBus, hub: EventHub, groupSuffix: String, rememberedOrders: Int = 10_000) {
    self.bus = bus
    self.hub = hub
    decisionOrder = RingBuffer(capacity: rememberedOrders)
    readings = [StreamName.signals, .orderDecisions, .orderUpdates, .orderFills].map { stream in
      let group = "ws-\(stream.rawValue)-\(groupSuffix)"
      return BusConsumer(
        stream: stream, group: group, consumer: group, startAt: .newOnly, groupIsOwn: true,
        acknowledgedOnDelivery: true)
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

  private func remember(_ decision: OrderDecision) {
    guard decisions.updateValue(decision, forKey: decision.id) == nil else { return }
    if let forgotten = decisionOrder.append(decision.id) { decisions[forgotten] = nil }
  }

  private func handle(_ message: BusMessage, from stream: StreamName) -> HandlingOutcome {
    do {
      switch stream {
      case .signals:
        let signal = try Signal(busMessage: message)
        hub.publish(.signal(signal))
      case .orderDecisions:
        let decision = try BusEnvelope(busFields: message.fields).decodePayload(as: OrderDecision.self)
        remember(decision)
        hub.publish(.order(Order(decision: decision), decision: decision))
      case .orderUpdates:
        let step = try BusEnvelope(busFields: message.fields).decodePayload(as: OrderTransition.self)
        guard let decision = decisions[step.orderID] else { return .done }
        var order = Order(decision: decision)
        order.status = step.to
        order.filledQuantity = step.filledQuantity
        order.reason = step.reason
        hub.publish(.order(order, decision: decision))
      default:
        let fill = try BusEnvelope(busFields: message.fields).decodePayload(as: FillRecord.self)
        hub.publish(.fill(fill))
      }
      relayed += 1
    } catch {
      malformedMessages += 1
    }
    return .done
  }
}
