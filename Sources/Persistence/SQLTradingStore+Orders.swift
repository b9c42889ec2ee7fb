import SQLKit
import TradingCore

extension SQLTradingStore: OrderStore {
  static let orderColumns = [
    "id", "signal_id", "symbol", "side", "kind", "quantity", "limit_price", "status", "filled_quantity",
    "average_fill_price", "confidence", "created_at_ns", "updated_at_ns", "reason", "meta",
  ]
  /// What an upsert may change: everything but the identity of the order and when it was made.
  static let mutableOrderColumns = [
    "kind", "quantity", "limit_price", "status", "filled_quantity", "average_fill_price", "confidence",
    "updated_at_ns", "reason", "meta",
  ]

  public func insertIfAbsent(_ order: OrderRecord) async throws -> Bool {
    let inserted = try await database.insert(into: "orders").columns(Self.orderColumns)
      .values(Self.values(of: order))
      .ignoringConflicts(with: "id")
      .returning("id").all()
    return !inserted.isEmpty
  }

  /// Stores each of `orders` unless an order with its id exists, in one statement; returns the
  /// ids stored now. An id given twice is stored once.
  public func insertIfAbsent(_ orders: [OrderRecord]) async throws -> Set<OrderID> {
    guard !orders.isEmpty else { return [] }
    let insert = database.insert(into: "orders").columns(Self.orderColumns)
    var seen: Set<OrderID> = []
    for order in orders where seen.insert(order.id).inserted { insert.values(Self.values(of: order)) }
    let rows = try await insert.ignoringConflicts(with: "id").returning("id").all()
    return Set(try rows.map { OrderID(try $0.decode(column: "id", as: String.self)) })
  }

  @discardableResult
  public func upsert(_ order: OrderRecord) async throws -> Bool {
    let written = try await database.insert(into: "orders").columns(Self.orderColumns)
      .values(Self.values(of: order))
      .onConflict(with: "id") { update in
        Self.mutableOrderColumns.reduce(update) { $0.set(excludedValueOf: $1) }
          .where(SQLColumn("updated_at_ns", table: "orders"), .lessThanOrEqual, SQLExcludedColumn("updated_at_ns"))
      }
      .returning("id").all()
    return !written.isEmpty
  }

  public func order(id: OrderID) async throws -> OrderRecord? {
    try await database.select().columns(Self.orderColumns).from("orders")
      .where("id", .equal, id.rawValue)
      .first()
      .map(Self.order(from:))
  }

  public func orders(_ query: OrderQuery) async throws -> Page<OrderRecord> {
    try Self.validate(limit: query.limit)
    let select = database.select().columns(Self.orderColumns).from("orders")
    if let text = query.cursor {
      startAfter(try PageCursor(decoding: text, for: .orders), timeColumn: "created_at_ns", in: select)
    }
    if let symbol = query.symbol {
      select.where("symbol", .equal, symbol)
    }
    if let status = query.status {
      select.where("status", .equal, status.rawValue)
    }
    select.orderBy("created_at_ns", .descending).orderBy("id", .descending)
    return try await page(select, limit: query.limit, decode: Self.order(from:)) {
      PageCursor(listing: .orders, time: $0.createdAt.nanosecondsSinceEpoch, id: $0.id.rawValue)
    }
  }

  static func values(of order: OrderRecord) -> [any SQLExpression] {
    [
      SQLBind(order.id.rawValue), bindOrNull(order.signalID?.description), SQLBind(order.symbol),
      SQLBind(order.side.rawValue), SQLBind(order.kind.rawValue), SQLBind(order.quantity.description),
      bindOrNull(order.limitPrice?.description), SQLBind(order.status.rawValue),
      SQLBind(order.filledQuantity.description), bindOrNull(order.averageFillPrice?.description),
      SQLBind(order.confidence), SQLBind(order.createdAt.nanosecondsSinceEpoch),
      SQLBind(order.updatedAt.nanosecondsSinceEpoch), bindOrNull(order.reason),
      SQLBind(FlatNumberObject.text(order.meta)),
    ]
  }

  static func order(from row: any SQLRow) throws -> OrderRecord {
    let reader = RowReader(row: row, table: "orders")
    return OrderRecord(
      id: OrderID(try reader.string("id")), signalID: try reader.optionalSignalID("signal_id"),
      symbol: try reader.string("symbol"), side: try reader.value("side", as: Side.self),
      kind: try reader.value("kind", as: Order.Kind.self), quantity: try reader.fixed("quantity"),
      limitPrice: try reader.optionalFixed("limit_price"), status: try reader.value("status", as: Order.Status.self),
      filledQuantity: try reader.fixed("filled_quantity"),
      averageFillPrice: try reader.optionalFixed("average_fill_price"),
      confidence: try reader.double("confidence"), createdAt: try reader.timestamp("created_at_ns"),
      updatedAt: try reader.timestamp("updated_at_ns"), reason: try reader.optionalString("reason"),
      meta: try reader.meta("meta"))
  }
}
