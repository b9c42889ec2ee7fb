import SQLKit
import TradingCore

extension SQLTradingStore: PositionStore {
  static let positionColumns = ["symbol", "quantity", "average_entry_price", "realized_pnl", "updated_at_ns"]

  @discardableResult
  public func upsert(_ position: PositionRecord) async throws -> Bool {
    let written = try await database.insert(into: "positions").columns(Self.positionColumns)
      .values(
        SQLBind(position.symbol), SQLBind(position.quantity.description),
        SQLBind(position.averageEntryPrice.description), SQLBind(position.realizedPnL.description),
        SQLBind(position.updatedAt.nanosecondsSinceEpoch)
      )
      .onConflict(with: "symbol") { update in
        Self.positionColumns.dropFirst().reduce(update) { $0.set(excludedValueOf: $1) }
          .where(SQLColumn("updated_at_ns", table: "positions"), .lessThanOrEqual, SQLExcludedColumn("updated_at_ns"))
      }
      .returning("symbol").all()
    return !written.isEmpty
  }

  public func position(symbol: String) async throws -> PositionRecord? {
    try await database.select().columns(Self.positionColumns).from("positions")
      .where("symbol", .equal, symbol)
      .first()
      .map(Self.position(from:))
  }

  public func positions() async throws -> [PositionRecord] {
    try await database.select().columns(Self.positionColumns).from("positions")
      .orderBy("symbol")
      .all()
      .map(Self.position(from:))
  }

  static func position(from row: any SQLRow) throws -> PositionRecord {
    let reader = RowReader(row: row, table: "positions")
    return PositionRecord(
      symbol: try reader.string("symbol"), quantity: try reader.fixed("quantity"),
      averageEntryPrice: try reader.fixed("average_entry_price"), realizedPnL: try reader.fixed("realized_pnl"),
      updatedAt: try reader.timestamp("updated_at_ns"))
  }
}
