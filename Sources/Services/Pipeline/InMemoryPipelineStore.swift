import Persistence
import TradingCore

/// A `PipelineStore` in memory, for tests and for runs that need no history.
public actor InMemoryPipelineStore: PipelineStore {
  /// An order as stored: the decision it came from and its latest state.
  public struct StoredOrder: Sendable, Hashable {
    public var decision: OrderDecision
    public var status: Order.Status
    public var filledQuantity: Quantity
    public var reason: String?
  }

  public private(set) var signals: [TimeSortableID: Signal] = [:]
  public private(set) var orders: [OrderID: StoredOrder] = [:]
  /// Fills in the order they were stored.
  public private(set) var fills: [FillRecord] = []
  public private(set) var positions: [String: PositionRecord] = [:]
  /// How many times every fill was read (`allFills`).
  public private(set) var allFillsReads = 0
  public private(set) var snapshots: [PortfolioSnapshot] = []
  /// Every order's transitions, by sequence.
  public private(set) var transitions: [OrderID: [OrderTransition]] = [:]
  private var fillIDs: Set<String> = []

  public init() {}

  public func insertSignal(_ signal: Signal) {
    if signals[signal.id] == nil { signals[signal.id] = signal }
  }

  public func insertOrderIfAbsent(_ decision: OrderDecision) -> Bool {
    guard orders[decision.id] == nil else { return false }
    orders[decision.id] = StoredOrder(decision: decision, status: .new, filledQuantity: .zero, reason: nil)
    return true
  }

  public func orderStatus(_ id: OrderID) -> Order.Status? { orders[id]?.status }

  public func updateOrder(_ order: Order, fills: [FillRecord]) {
    orders[order.id]?.status = order.status
    orders[order.id]?.filledQuantity = order.filledQuantity
    orders[order.id]?.reason = order.reason
  }

  @discardableResult
  public func insertFill(_ fill: FillRecord) -> Bool {
    guard fillIDs.insert(fill.id).inserted else { return false }
    fills.append(fill)
    return true
  }

  public func orderProgress(_ id: OrderID) -> OrderProgress? {
    orders[id].map {
      OrderProgress(status: $0.status, filledQuantity: $0.filledQuantity, transitions: transitions[id]?.count ?? 0)
    }
  }

  public func insertTransitions(_ steps: [OrderTransition]) {
    for step in steps where !(transitions[step.orderID] ?? []).contains(where: { $0.sequence == step.sequence }) {
      transitions[step.orderID, default: []].append(step)
      transitions[step.orderID]?.sort { $0.sequence < $1.sequence }
    }
  }

  public func openOrderIDs() -> [OrderID] {
    orders.values.filter { $0.status == .accepted || $0.status == .partiallyFilled }
      .sorted { $0.decision.timestamp < $1.decision.timestamp }.map(\.decision.id)
  }

  public func upsertPosition(_ position: PositionRecord) { positions[position.symbol] = position }

  public func insertPortfolioSnapshot(_ snapshot: PortfolioSnapshot) { snapshots.append(snapshot) }

  public func allFills() -> [FillRecord] {
    allFillsReads += 1
    return fills
  }

  public func storedPositions() -> [PositionRecord] { positions.values.sorted { $0.symbol < $1.symbol } }
}
