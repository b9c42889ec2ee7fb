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
  public private(set) var snapshots: [PortfolioSnapshot] = []
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

  public func insertFill(_ fill: FillRecord) {
    guard fillIDs.insert(fill.id).inserted else { return }
    fills.append(fill)
  }

  public func upsertPosition(_ position: PositionRecord) { positions[position.symbol] = position }

  public func insertPortfolioSnapshot(_ snapshot: PortfolioSnapshot) { snapshots.append(snapshot) }

  public func allFills() -> [FillRecord] { fills }
}
