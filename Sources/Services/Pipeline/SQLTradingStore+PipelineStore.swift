import Persistence
import TradingCore

/// The SQL store serves the embedded pipeline: every write idempotent, as the bus delivers at
/// least once.
extension SQLTradingStore: PipelineStore {
  public func insertSignal(_ signal: Signal) async throws {
    try await insert(signal)
  }

  public func insertSignals(_ signals: [Signal]) async throws {
    try await insert(contentsOf: signals)
  }

  public func insertOrderIfAbsent(_ decision: OrderDecision) async throws -> Bool {
    try await insertIfAbsent(OrderRecord(decision: decision))
  }

  public func insertOrdersIfAbsent(_ decisions: [OrderDecision]) async throws -> Set<OrderID> {
    try await insertIfAbsent(decisions.map(OrderRecord.init(decision:)))
  }

  public func orderStatus(_ id: OrderID) async throws -> Order.Status? {
    try await order(id: id)?.status
  }

  public func updateOrder(_ order: Order, fills: [FillRecord]) async throws {
    guard var record = try await self.order(id: order.id) else { return }
    record.status = order.status
    record.filledQuantity = order.filledQuantity
    record.reason = order.reason
    let filled = fills.reduce(Quantity.zero) { $0 + $1.fill.quantity }
    if filled.isPositive {
      let notional = fills.reduce(Money.zero) { $0 + $1.fill.quantity * $1.fill.price }
      record.averageFillPrice = notional / filled
    }
    record.updatedAt = max(record.updatedAt, fills.map(\.fill.timestamp).max() ?? record.updatedAt)
    try await upsert(record)
  }

  @discardableResult
  public func insertFill(_ fill: FillRecord) async throws -> Bool {
    try await insert(fill)
  }

  public func orderProgress(_ id: OrderID) async throws -> OrderProgress? {
    guard let order = try await order(id: id) else { return nil }
    return OrderProgress(
      status: order.status, filledQuantity: order.filledQuantity, transitions: try await transitions(of: id).count)
  }

  public func insertTransitions(_ transitions: [OrderTransition]) async throws {
    try await insertIfAbsent(transitions)
  }

  public func openOrderIDs() async throws -> [OrderID] {
    try await database.select().column("id").from("orders")
      .where("status", .in, [Order.Status.accepted.rawValue, Order.Status.partiallyFilled.rawValue])
      .orderBy("created_at_ns")
      .all()
      .map { OrderID(try $0.decode(column: "id", as: String.self)) }
  }

  public func upsertPosition(_ position: PositionRecord) async throws {
    try await upsert(position)
  }

  public func insertPortfolioSnapshot(_ snapshot: PortfolioSnapshot) async throws {
    try await insert(snapshot)
  }

  public func storedPositions() async throws -> [PositionRecord] {
    try await positions()
  }

  /// Every fill, oldest first, read page by page.
  public func allFills() async throws -> [FillRecord] {
    var newestFirst: [FillRecord] = []
    var cursor: String?
    repeat {
      let page = try await fills(FillQuery(limit: 500, cursor: cursor))
      newestFirst.append(contentsOf: page.items)
      cursor = page.nextCursor
    } while cursor != nil
    return newestFirst.reversed()
  }
}
