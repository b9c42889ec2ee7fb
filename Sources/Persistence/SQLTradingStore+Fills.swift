import SQLKit
import TradingCore

extension SQLTradingStore: FillStore {
  static let fillColumns = ["id", "order_id", "symbol", "side", "quantity", "price", "commission", "timestamp_ns"]

  @discardableResult
  public func insert(_ record: FillRecord) async throws -> Bool {
    let fill = record.fill
    let inserted = try await database.insert(into: "fills").columns(Self.fillColumns)
      .values(
        SQLBind(record.id), SQLBind(fill.orderID.rawValue), SQLBind(fill.symbol), SQLBind(fill.side.rawValue),
        SQLBind(fill.quantity.description), SQLBind(fill.price.description), SQLBind(fill.commission.description),
        SQLBind(fill.timestamp.nanosecondsSinceEpoch)
      )
      .ignoringConflicts(with: "id")
      .returning("id").all()
    return !inserted.isEmpty
  }

  public func fill(id: String) async throws -> FillRecord? {
    try await database.select().columns(Self.fillColumns).from("fills")
      .where("id", .equal, id)
      .first()
      .map(Self.fill(from:))
  }

  public func fills(_ query: FillQuery) async throws -> Page<FillRecord> {
    try Self.validate(limit: query.limit)
    let select = database.select().columns(Self.fillColumns).from("fills")
    if let text = query.cursor {
      startAfter(try PageCursor(decoding: text, for: .fills), timeColumn: "timestamp_ns", in: select)
    }
    if let symbol = query.symbol {
      select.where("symbol", .equal, symbol)
    }
    select.orderBy("timestamp_ns", .descending).orderBy("id", .descending)
    return try await page(select, limit: query.limit, decode: Self.fill(from:)) {
      PageCursor(listing: .fills, time: $0.fill.timestamp.nanosecondsSinceEpoch, id: $0.id)
    }
  }

  static func fill(from row: any SQLRow) throws -> FillRecord {
    let reader = RowReader(row: row, table: "fills")
    let quantity = try reader.fixed("quantity")
    guard quantity.isPositive else {
      throw StoreError.corruptValue(table: "fills", column: "quantity", value: quantity.description)
    }
    let fill = Fill(
      orderID: OrderID(try reader.string("order_id")), symbol: try reader.string("symbol"),
      side: try reader.value("side", as: Side.self), quantity: quantity, price: try reader.fixed("price"),
      commission: try reader.fixed("commission"), timestamp: try reader.timestamp("timestamp_ns"))
    return FillRecord(id: try reader.string("id"), fill: fill)
  }
}
