import Broker
import Messaging
import Persistence
import TradingCore

/// Carries out order decisions: reads `orders:decisions` in consumer group `execution`, places
/// each as a market order with the `BrokerClient`, stores the order's new state and its fills,
/// then publishes every fill on `orders:fills` and `order`/`fill` events, and acknowledges.
///
/// A decision whose order is no longer `new` in the store was carried out before (the message
/// is a redelivery) and is only acknowledged, so an order is placed once.
public actor ExecutionService: HealthReporting {
  public nonisolated let componentKey = "execution"
  private let broker: any BrokerClient
  private let bus: any EventBus
  private let store: any PipelineStore
  private let hub: EventHub
  private let metrics: any PipelineMetrics
  private let reading: BusConsumer
  private var stopRequested = false
  private var ordersByStatus: [String: Int] = [:]
  private var fillsBooked = 0
  private var malformedMessages = 0
  private var lastError: String?

  public init(
    broker: any BrokerClient, bus: any EventBus, store: any PipelineStore, hub: EventHub,
    metrics: any PipelineMetrics = NoPipelineMetrics(),
    reading: BusConsumer = BusConsumer(stream: .orderDecisions, group: "execution", consumer: "execution-1")
  ) {
    self.broker = broker
    self.bus = bus
    self.store = store
    self.hub = hub
    self.metrics = metrics
    self.reading = reading
  }

  /// Reads decisions until `finish()` is called and nothing is left, or the task is cancelled.
  public func run() async throws {
    try await reading.run(
      on: bus, shouldStop: { await self.stopRequested }, onBusError: { await self.busFailed($0) },
      handle: { await self.handle($0) })
  }

  /// Asks `run()` to return once no decision is waiting.
  public func finish() { stopRequested = true }

  private func busFailed(_ error: any Error) { lastError = "\(reading.stream): \(error)" }

  public func health() async -> ComponentHealth {
    var details: [String: JSONValue] = [
      "broker": .string(broker.name), "orders": .object(ordersByStatus.mapValues { .number(Double($0)) }),
      "fills": .number(Double(fillsBooked)), "malformed_messages": .number(Double(malformedMessages)),
    ]
    details.merge(await reading.backlog(on: bus)) { own, _ in own }
    if let lastError { details["last_error"] = .string(lastError) }
    return ComponentHealth(
      name: "Execution", status: lastError == nil ? .ok : .degraded, running: !stopRequested,
      version: AITraderVersion.current, details: details)
  }

  private func handle(_ message: BusMessage) async -> HandlingOutcome {
    let decision: OrderDecision
    do {
      decision = try BusEnvelope(busFields: message.fields).decodePayload(as: OrderDecision.self)
    } catch {
      malformedMessages += 1
      lastError = "orders:decisions \(message.id): \(error)"
      return .done
    }
    do {
      guard try await store.orderStatus(decision.id) ?? .new == .new else { return .done }
      let placement = try await broker.place(Order(decision: decision))
      let fills = placement.fills.enumerated().map { FillRecord(order: $1.orderID, sequence: $0 + 1, fill: $1) }
      for fill in fills { try await store.insertFill(fill) }
      for fill in fills {
        _ = try await bus.publish(to: .orderFills, fields: try BusEnvelope(type: "fill", encoding: fill).busFields)
      }
      // Last, so that a failure before it leaves the order `new` and the decision is redone:
      // the broker returns the same placement, and fills are stored and applied once by id.
      try await store.updateOrder(placement.order, fills: fills)
      ordersByStatus[placement.order.status.rawValue, default: 0] += 1
      fillsBooked += fills.count
      hub.publish(.order(placement.order, decision: decision))
      for fill in fills {
        metrics.fillBooked()
        hub.publish(.fill(fill))
      }
      return .done
    } catch {
      lastError = "order \(decision.id): \(error)"
      return .retry
    }
  }
}
