import SQLKit
import TradingCore

extension SQLTradingStore: PortfolioSnapshotStore {
  static let snapshotColumns = ["timestamp_ns", "cash", "equity", "realized_pnl", "unrealized_pnl", "gross_exposure"]

  public func insert(_ snapshot: PortfolioSnapshot) async throws {
    try await database.insert(into: "portfolio_snapshots").columns(Self.snapshotColumns)
      .values(
        SQLBind(snapshot.timestamp.nanosecondsSinceEpoch), SQLBind(snapshot.cash.description),
        SQLBind(snapshot.equity.description), SQLBind(snapshot.realizedPnL.description),
        SQLBind(snapshot.unrealizedPnL.description), SQLBind(snapshot.grossExposure.description)
      )
      .onConflict(with: "timestamp_ns") { update in
        Self.snapshotColumns.dropFirst().reduce(update) { $0.set(excludedValueOf: $1) }
      }
      .run()
  }

  public func latestSnapshot() async throws -> PortfolioSnapshot? {
    try await database.select().columns(Self.snapshotColumns).from("portfolio_snapshots")
      .orderBy("timestamp_ns", .descending)
      .limit(1)
      .first()
      .map(Self.snapshot(from:))
  }

  static func snapshot(from row: any SQLRow) throws -> PortfolioSnapshot {
    let reader = RowReader(row: row, table: "portfolio_snapshots")
    return PortfolioSnapshot(
      timestamp: try reader.timestamp("timestamp_ns"), cash: try reader.fixed("cash"),
      equity: try reader.fixed("equity"), realizedPnL: try reader.fixed("realized_pnl"),
      unrealizedPnL: try reader.fixed("unrealized_pnl"), grossExposure: try reader.fixed("gross_exposure"))
  }
}
