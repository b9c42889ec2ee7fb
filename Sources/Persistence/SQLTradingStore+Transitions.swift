import SQLKit
import TradingCore

extension SQLTradingStore: OrderTransitionStore {
  static let transitionColumns = [
    "order_id", "sequence", "from_status", "to_status", "filled_quantity", "reason", "timestamp_ns",
  ]

  @discardableResult
  public func insertIfAbsent(_ transitions: [OrderTransition]) async throws -> Int {
    guard !transitions.isEmpty else { return 0 }
    let insert = database.insert(into: "order_transitions").columns(Self.transitionColumns)
    for step in transitions {
      insert.values(
        SQLBind(step.orderID.rawValue), SQLBind(Int64(step.sequence)), SQLBind(step.from.rawValue),
        SQLBind(step.to.rawValue), SQLBind(step.filledQuantity.description), SQLBind(step.reason),
        SQLBind(step.timestamp.nanosecondsSinceEpoch))
    }
    return try await insert.ignoringConflicts(with: ["order_id", "sequence"]).returning("order_id").all().count
  }

  public func transitions(of id: OrderID) async throws -> [OrderTransition] {
    try await database.select().columns(Self.transitionColumns).from("order_transitions")
      .where("order_id", .equal, id.rawValue)
      .orderBy("sequence")
      .all()
      .map { row in
        let reader = RowReader(row: row, table: "order_transitions")
        return OrderTransition(
          orderID: OrderID(try reader.string("order_id")), sequence: Int(try reader.int64("sequence")),
          from: try reader.value("from_status", as: Order.Status.self),
          to: try reader.value("to_status", as: Order.Status.self),
          filledQuantity: try reader.fixed("filled_quantity"), reason: try reader.optionalString("reason"),
          timestamp: try reader.timestamp("timestamp_ns"))
      }
  }
}
