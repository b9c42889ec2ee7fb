import Broker
import Messaging
import Persistence
import TradingCore

/// Carries out order decisions: reads `orders:decisions` in consumer group `execution`, places
/// each as a market order with the `BrokerClient`, stores its fills and publishes them on
/// `orders:fills`, stores every step of the order's life (new → accepted → … → filled |
/// cancelled | rejected) and publishes them on `orders:updates`, stores the order's new state,
/// sends `order`/`fill` events, and acknowledges.
///
/// A decision whose order is no longer `new` in the store was carried out before (the message
/// is a redelivery) and is only acknowledged, so an order is placed once. With a broker that is
/// reconciled (`BrokerReconciler`), no order is placed while the store and the broker are not
/// known to agree.
public actor ExecutionService: HealthReporting {
  public nonisolated let componentKey = "execution"
  private let broker: any BrokerClient
  private let bus: any EventBus
  private let store: any PipelineStore
  private let hub: EventHub
  private let metrics: any PipelineMetrics
  private let reading: BusConsumer
  private let reconciler: BrokerReconciler?
  private var stopRequested = false
  private var ordersByStatus: [String: Int] = [:]
  private var fillsBooked = 0
  private var malformedMessages = 0
  private var lastError: String?

  public init(
    broker: any BrokerClient, bus: any EventBus, store: any PipelineStore, hub: EventHub,
    metrics: any PipelineMetrics = NoPipelineMetrics(),
    reading: BusConsumer = BusConsumer(stream: .orderDecisions, group: "execution", consumer: "execution-1"),
    reconciler: BrokerReconciler? = nil
  ) {
    self.reconciler = reconciler
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
    // Stopping with the broker unreconciled leaves the decision pending for the next start.
    if let reconciler, await !reconciler.beginPlacement(givingUp: { await self.stopRequested }) { return .retry }
    let outcome = await carryOutIfNew(decision)
    await reconciler?.endPlacement()
    return outcome
  }

  /// Carries the decision out unless its order is past `new` in the store: placed before (the
  /// message is a redelivery), or adopted from the broker by a reconciliation.
  private func carryOutIfNew(_ decision: OrderDecision) async -> HandlingOutcome {
    let progress: OrderProgress?
    do {
      progress = try await store.orderProgress(decision.id)
    } catch {
      lastError = "order \(decision.id): \(error)"
      return .retry
    }
    guard (progress?.status ?? .new) == .new else { return .done }
    return await carryOut(
      decision, over: progress ?? OrderProgress(status: .new, filledQuantity: .zero, transitions: 0))
  }

  /// Places the decision's order and records what came of it.
  private func carryOut(_ decision: OrderDecision, over progress: OrderProgress) async -> HandlingOutcome {
    do {
      let placement = try await broker.place(Order(decision: decision))
      let fills = placement.fills.enumerated().map { FillRecord(order: $1.orderID, sequence: $0 + 1, fill: $1) }
      let time = fills.map(\.fill.timestamp).max() ?? decision.timestamp
      try await record(placement.order, fills: fills, over: progress, at: time, in: store, on: bus)
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
      if case .unavailable? = error as? BrokerError { await reconciler?.brokerFailed() }
      return .retry
    }
  }
}

/// Records what the broker reported of `order`: its fills (stored, then published on
/// `orders:fills`), the steps from where the store had it (stored, then published on
/// `orders:updates`), and last its new state — so that a failure before the end leaves the order
/// where it was and the work is redone, every write being idempotent. Returns the fills stored
/// now (a fill stored before is not published again by a redo: the portfolio applies each once
/// by id either way).
@discardableResult
func record(
  _ order: Order, fills: [FillRecord], over progress: OrderProgress, at time: Timestamp, in store: any PipelineStore,
  on bus: any EventBus
) async throws -> [FillRecord] {
  var stored: [FillRecord] = []
  for fill in fills where try await store.insertFill(fill) { stored.append(fill) }
  if !fills.isEmpty {
    _ = try await bus.publish(
      to: .orderFills, entries: try fills.map { try BusEnvelope(type: "fill", encoding: $0).busFields },
      trim: .standard(for: .orderFills))
  }
  var steps = OrderTransition.steps(
    of: order.id, from: progress.status, previouslyFilled: progress.filledQuantity, to: order.status,
    filledQuantity: order.filledQuantity, reason: order.reason, at: time, firstSequence: progress.transitions + 1)
  if steps.isEmpty, progress.status != order.status {
    // A move the state machine does not allow (a finished order the broker reports otherwise):
    // the broker's word is taken, and the step says so.
    steps = [
      OrderTransition(
        orderID: order.id, sequence: progress.transitions + 1, from: progress.status, to: order.status,
        filledQuantity: order.filledQuantity,
        reason: "broker reports \(order.status.rawValue) for an order stored as \(progress.status.rawValue)",
        timestamp: time)
    ]
  }
  try await store.insertTransitions(steps)
  if !steps.isEmpty {
    _ = try await bus.publish(
      to: .orderUpdates, entries: try steps.map { try BusEnvelope(type: "order_transition", encoding: $0).busFields },
      trim: .standard(for: .orderUpdates))
  }
  try await store.updateOrder(order, fills: fills)
  return stored
}
