import Broker
import Logging
import Messaging
import Persistence
import TradingCore

/// Keeps the store in agreement with a broker that keeps its own books (over MCP): at start and
/// then periodically it reads the broker's orders, fills and positions, adopts the broker's
/// truth for every order that differs, records each difference, and shows them in
/// `/api/status` (key `broker`).
///
/// - An order whose status or filled quantity differs is brought to the broker's state: the
///   fills the store lacks are stored and published on `orders:fills` (the portfolio applies
///   each once), the steps are stored and published on `orders:updates`.
/// - An order the store has as open (accepted, partially filled) that the broker does not know
///   is rejected with that reason; an order the broker has that the store does not know (placed
///   there by someone else) is stored as an order of no signal, with its fills.
/// - Positions — the broker's against the sum of the stored fills — are compared last, and any
///   difference left (a fill the broker no longer lists) is reported.
///
/// Execution asks `beginPlacement()` before each order: it waits while a reconciliation runs and
/// until the first one has succeeded, so no order is placed while the two are not known to agree.
public actor BrokerReconciler: HealthReporting {
  /// One way the store and the broker disagreed, and what was done about it.
  public struct Difference: Sendable, Hashable {
    /// `order_state`, `unknown_to_store`, `unknown_to_broker` or `position`.
    public var kind: String
    /// The order (client id) or symbol concerned.
    public var subject: String
    public var store: String
    public var broker: String
    /// What was done: `adopted` (the store now says what the broker says) or `reported`.
    public var action: String
    public var at: Timestamp
  }

  public nonisolated let componentKey = "broker"
  private let broker: any ReconcilableBroker
  private let store: any PipelineStore
  private let bus: any EventBus
  private let hub: EventHub
  private let now: @Sendable () -> Timestamp
  private let logger: Logger
  private var reconciled = false
  private var reconciling = false
  private var stopping = false
  private var placementsInFlight = 0
  private var runs = 0
  private var lastReconciledAt: Timestamp?
  private var lastError: String?
  private var recent: [Difference] = []
  private var differencesTotal = 0
  private var ordersAdopted = 0
  private var fillsAdopted = 0
  /// The newest broker order id compared so far: later reconciliations ask only for newer ones
  /// and the open ones.
  private var newestSeen: String?
  /// How many differences `/api/status` lists, newest last.
  private let recentLimit = 50

  public init(
    broker: any ReconcilableBroker, store: any PipelineStore, bus: any EventBus, hub: EventHub,
    now: @escaping @Sendable () -> Timestamp = WallClock.now, logger: Logger = Logger(label: "aitrader.reconcile")
  ) {
    self.broker = broker
    self.store = store
    self.bus = bus
    self.hub = hub
    self.now = now
    self.logger = logger
  }

  /// Whether the last reconciliation succeeded and none is running.
  public var isReconciled: Bool { reconciled && !reconciling }

  /// Every difference found so far, the newest `recentLimit`.
  public var differences: [Difference] { recent }

  /// Waits until the store and the broker are known to agree, then counts a placement in flight
  /// and returns true; returns false, counting nothing, once `givingUp` says to stop waiting.
  public func beginPlacement(givingUp: @Sendable () async -> Bool = { false }) async -> Bool {
    while !isReconciled {
      if await givingUp() { return false }
      try? await Task.sleep(for: .milliseconds(20))
    }
    placementsInFlight += 1
    return true
  }

  /// Ends a placement counted by `beginPlacement()`.
  public func endPlacement() { placementsInFlight -= 1 }

  /// Reconciles every `interval` until the task is cancelled, and at once (checking every
  /// 100 ms) when a reconciliation failed or a placement could not reach the broker — orders
  /// waiting meanwhile.
  public func run(every interval: Duration) async {
    while !Task.isCancelled, !stopping {
      await reconcile()
      let next = ContinuousClock.now + interval
      while !Task.isCancelled, !stopping, reconciled, ContinuousClock.now < next {
        try? await Task.sleep(for: .milliseconds(100))
      }
      if !reconciled { try? await Task.sleep(for: .milliseconds(200)) }
    }
  }

  /// Ends `run(every:)` after the reconciliation in progress, if any.
  public func stop() { stopping = true }

  /// A placement got no answer from the broker: what became of the order is not known here, so
  /// no further order goes out until a reconciliation has looked.
  public func brokerFailed() { reconciled = false }

  /// One reconciliation (or, when one is running, the end of that one); returns whether it
  /// completed.
  @discardableResult
  public func reconcile() async -> Bool {
    if reconciling {
      while reconciling { try? await Task.sleep(for: .milliseconds(10)) }
      return reconciled
    }
    reconciling = true
    defer { reconciling = false }
    while placementsInFlight > 0 { try? await Task.sleep(for: .milliseconds(5)) }
    do {
      try await compareOrders()
      try await comparePositions()
      reconciled = true
      runs += 1
      lastReconciledAt = now()
      lastError = nil
      return true
    } catch {
      reconciled = false
      lastError = "\(error)"
      logger.warning("reconciliation with the broker failed: \(error)")
      return false
    }
  }

  /// Compares the orders placed since the last reconciliation and those still open (the first
  /// time, all of them).
  private func compareOrders() async throws {
    let reports = try await broker.brokerOrders(after: newestSeen)
    var known: Set<OrderID> = []
    for report in reports {
      let id = OrderID(report.clientOrderID)
      known.insert(id)
      guard let progress = try await store.orderProgress(id) else {
        try await adoptForeign(report)
        note("unknown_to_store", report.clientOrderID, store: "none", broker: Self.state(report), action: "adopted")
        continue
      }
      guard progress.status != report.status || progress.filledQuantity != report.filledQuantity else { continue }
      let detail = try await broker.orderDetail(clientOrderID: report.clientOrderID)
      let adopted = detail ?? BrokerOrderDetail(order: report, fills: [])
      try await adopt(adopted, over: progress)
      note(
        "order_state", report.clientOrderID, store: "\(progress.status.rawValue) \(progress.filledQuantity)",
        broker: Self.state(adopted.order), action: "adopted")
    }
    if let newest = reports.map(\.orderID).max(), newest > newestSeen ?? "" { newestSeen = newest }
    for id in try await store.openOrderIDs() where !known.contains(id) {
      guard let progress = try await store.orderProgress(id), progress.status.isOpen else { continue }
      var order = Order(id: id, symbol: "", side: .buy, quantity: .units(.zero), createdAt: now())
      order.status = .rejected
      order.filledQuantity = progress.filledQuantity
      order.reason = "the broker has no such order (reconciliation)"
      try await record(order, fills: [], over: progress, at: now(), in: store, on: bus)
      ordersAdopted += 1
      note(
        "unknown_to_broker", id.rawValue, store: "\(progress.status.rawValue) \(progress.filledQuantity)",
        broker: "none", action: "adopted")
    }
  }

  private func adopt(_ detail: BrokerOrderDetail, over progress: OrderProgress) async throws {
    let order = detail.order.order
    let fills = detail.fills.sorted { $0.sequence < $1.sequence }.map {
      FillRecord(order: order.id, sequence: $0.sequence, fill: $0.fill)
    }
    let time = fills.map(\.fill.timestamp).max() ?? now()
    let stored = try await record(order, fills: fills, over: progress, at: time, in: store, on: bus)
    ordersAdopted += 1
    fillsAdopted += stored.count
    for fill in stored { hub.publish(.fill(fill)) }
  }

  /// Stores an order the broker has and the store does not (placed at the broker by someone
  /// else) as an order of no signal, with its fills, so that the books hold what the account
  /// holds.
  private func adoptForeign(_ report: BrokerOrderReport) async throws {
    let decision = OrderDecision(
      id: OrderID(report.clientOrderID), signalID: nil, symbol: report.symbol, side: report.side,
      quantity: report.quantity, confidence: 0, timestamp: report.createdAt, meta: ["reconciled": 1])
    _ = try await store.insertOrderIfAbsent(decision)
    let detail = try await broker.orderDetail(clientOrderID: report.clientOrderID)
    try await adopt(
      detail ?? BrokerOrderDetail(order: report, fills: []),
      over: OrderProgress(status: .new, filledQuantity: .zero, transitions: 0))
  }

  /// Compares the broker's positions with the books. The stored positions (kept from the fills
  /// by the portfolio) are read first: when they agree, so do the fills, and a run costs one
  /// small query however many fills are stored. Only when they differ — the portfolio may be a
  /// fill behind — is every stored fill summed, and what differs from that is reported.
  private func comparePositions() async throws {
    let brokerPositions = try await broker.positions()
    let theirs = Dictionary(uniqueKeysWithValues: brokerPositions.map { ($0.symbol, $0.quantity) })
    let booked = Dictionary(uniqueKeysWithValues: try await store.storedPositions().map { ($0.symbol, $0.quantity) })
    guard !Self.agree(booked, theirs) else { return }
    var ours: [String: Quantity] = [:]
    for record in try await store.allFills() { ours[record.fill.symbol, default: .zero] += record.fill.signedQuantity }
    for symbol in Set(ours.keys).union(theirs.keys).sorted() {
      let mine = ours[symbol] ?? .zero
      let broker = theirs[symbol] ?? .zero
      if mine != broker {
        note("position", symbol, store: mine.description, broker: broker.description, action: "reported")
      }
    }
  }

  /// Whether two sets of positions hold the same quantity of every symbol (absent = flat).
  private static func agree(_ one: [String: Quantity], _ other: [String: Quantity]) -> Bool {
    Set(one.keys).union(other.keys).allSatisfy { (one[$0] ?? .zero) == (other[$0] ?? .zero) }
  }

  private func note(_ kind: String, _ subject: String, store: String, broker: String, action: String) {
    let difference = Difference(kind: kind, subject: subject, store: store, broker: broker, action: action, at: now())
    differencesTotal += 1
    recent.append(difference)
    if recent.count > recentLimit { recent.removeFirst(recent.count - recentLimit) }
    logger.notice("reconciliation: \(kind) \(subject): store \(store), broker \(broker) → \(action)")
  }

  private static func state(_ report: BrokerOrderReport) -> String {
    "\(report.status.rawValue) \(report.filledQuantity)"
  }

  public func health() async -> ComponentHealth {
    var details: [String: JSONValue] = [
      "broker": .string(broker.name), "reconciled": .bool(isReconciled), "reconciliations": .number(Double(runs)),
      "differences_total": .number(Double(differencesTotal)), "orders_adopted": .number(Double(ordersAdopted)),
      "fills_adopted": .number(Double(fillsAdopted)),
      "differences": .array(
        recent.suffix(10).map { difference in
          .object([
            "kind": .string(difference.kind), "subject": .string(difference.subject),
            "store": .string(difference.store), "broker": .string(difference.broker),
            "action": .string(difference.action), "at": .string(difference.at.iso8601),
          ])
        }),
    ]
    if let lastReconciledAt { details["last_reconciled_at"] = .string(lastReconciledAt.iso8601) }
    if let lastError { details["last_error"] = .string(lastError) }
    let status: ComponentHealth.Status = isReconciled ? .ok : (runs == 0 && lastError == nil ? .degraded : .error)
    return ComponentHealth(
      name: "Broker (MCP)", status: status, running: true, version: AITraderVersion.current, details: details)
  }
}
