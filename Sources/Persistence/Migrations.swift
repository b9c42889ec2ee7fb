import SQLKit

/// The schema, as numbered steps recorded in `schema_migrations`, applied at start.
///
/// Only portable SQL is used, so the same steps build the schema on SQLite and on PostgreSQL:
/// - ids and symbols are `TEXT`;
/// - prices, quantities and money (`Fixed`) are `TEXT` holding the exact decimal (`"169.02"`):
///   readable as they are in `sqlite3` or `psql`, castable to `NUMERIC`, never rounded;
/// - times are `BIGINT` nanoseconds since the epoch, in columns named `…_ns`;
/// - scores and confidences are `DOUBLE PRECISION` (REAL affinity in SQLite);
/// - meta is `TEXT` holding a JSON object.
///
/// Each step runs in its own transaction together with its row in `schema_migrations`, so a
/// failed step leaves no trace, and running the migrations again applies only what is missing.
public enum Migrations {
  /// The schema version this code reads and writes.
  public static var latestVersion: Int { all.map(\.version).max() ?? 0 }

  /// Brings `database` to `latestVersion`; returns the versions it applied (none when up to date).
  ///
  /// Safe to run from several processes at once: a step that fails because another process
  /// applied it meanwhile counts as applied. On PostgreSQL the processes also take turns under an
  /// advisory lock, because there two concurrent `CREATE TABLE IF NOT EXISTS` of one table can
  /// fail (on the catalog's unique index) instead of one of them doing nothing.
  @discardableResult
  public static func migrate(_ database: any SQLDatabase) async throws -> [Int] {
    guard database.dialect.name == "postgresql" else { return try await migrateUnlocked(database) }
    return try await database.withSession { session in
      try await session.raw("SELECT pg_advisory_lock(\(literal: advisoryLockKey))").run()
      do {
        let applied = try await migrateUnlocked(session)
        try await session.raw("SELECT pg_advisory_unlock(\(literal: advisoryLockKey))").run()
        return applied
      } catch {
        // A lost connection releases the lock by itself.
        try? await session.raw("SELECT pg_advisory_unlock(\(literal: advisoryLockKey))").run()
        throw error
      }
    }
  }

  /// The PostgreSQL advisory lock that migrations hold: "AITRADER" in ASCII, the same in every release.
  static let advisoryLockKey: Int64 = 0x4149_5452_4144_4552

  private static func migrateUnlocked(_ database: any SQLDatabase) async throws -> [Int] {
    try await database.create(table: "schema_migrations").ifNotExists()
      .column("version", type: .bigint, .primaryKey(autoIncrement: false), .notNull)
      .column("name", type: .text, .notNull)
      .run()
    var applied = Set(try await appliedVersions(database))
    if let newest = applied.max(), newest > latestVersion {
      throw StoreError.schemaNewerThanCode(databaseVersion: newest, codeVersion: latestVersion)
    }
    var newlyApplied: [Int] = []
    for migration in all where !applied.contains(migration.version) {
      do {
        try await database.inTransaction { session in
          try await migration.apply(session)
          try await session.insert(into: "schema_migrations").columns("version", "name")
            .values(SQLBind(Int64(migration.version)), SQLBind(migration.name)).run()
        }
        newlyApplied.append(migration.version)
      } catch {
        applied = Set(try await appliedVersions(database))
        guard applied.contains(migration.version) else {
          throw StoreError.migrationFailed(
            version: migration.version, name: migration.name, reason: String(reflecting: error))
        }
      }
    }
    return newlyApplied
  }

  /// The versions recorded in `schema_migrations`, ascending.
  public static func appliedVersions(_ database: any SQLDatabase) async throws -> [Int] {
    try await database.select().column("version").from("schema_migrations").orderBy("version").all()
      .map { Int(try $0.decode(column: "version", as: Int64.self)) }
  }

  static let all: [Migration] = [
    Migration(version: 1, name: "signals, orders, fills, positions, portfolio snapshots", apply: createTradingTables),
    Migration(version: 2, name: "order transitions", apply: createOrderTransitions),
  ]

  private static func createOrderTransitions(_ database: any SQLDatabase) async throws {
    try await database.create(table: "order_transitions")
      .column("order_id", type: .text, .notNull)
      .column("sequence", type: .bigint, .notNull)
      .column("from_status", type: .text, .notNull)
      .column("to_status", type: .text, .notNull)
      .column("filled_quantity", type: .text, .notNull)
      .column("reason", type: .text)
      .column("timestamp_ns", type: .bigint, .notNull)
      .primaryKey("order_id", "sequence")
      .run()
  }

  private static func createTradingTables(_ database: any SQLDatabase) async throws {
    let double = SQLDataType.custom(SQLRaw("DOUBLE PRECISION"))
    let key: [SQLColumnConstraintAlgorithm] = [.primaryKey(autoIncrement: false), .notNull]

    try await database.create(table: "signals")
      .column("id", type: .text, key)
      .column("symbol", type: .text, .notNull)
      .column("score", type: double, .notNull)
      .column("abs_score", type: double, .notNull)
      .column("timestamp_ns", type: .bigint, .notNull)
      .column("source", type: .text, .notNull)
      .column("meta", type: .text, .notNull)
      .run()
    try await database.create(index: "signals_symbol_id").on("signals").column("symbol").column("id").run()

    try await database.create(table: "orders")
      .column("id", type: .text, key)
      .column("signal_id", type: .text)
      .column("symbol", type: .text, .notNull)
      .column("side", type: .text, .notNull)
      .column("kind", type: .text, .notNull)
      .column("quantity", type: .text, .notNull)
      .column("limit_price", type: .text)
      .column("status", type: .text, .notNull)
      .column("filled_quantity", type: .text, .notNull)
      .column("average_fill_price", type: .text)
      .column("confidence", type: double, .notNull)
      .column("created_at_ns", type: .bigint, .notNull)
      .column("updated_at_ns", type: .bigint, .notNull)
      .column("reason", type: .text)
      .column("meta", type: .text, .notNull)
      .run()
    try await database.create(index: "orders_created").on("orders").column("created_at_ns").column("id").run()
    try await database.create(index: "orders_symbol_created").on("orders")
      .column("symbol").column("created_at_ns").column("id").run()
    try await database.create(index: "orders_status_created").on("orders")
      .column("status").column("created_at_ns").column("id").run()

    try await database.create(table: "fills")
      .column("id", type: .text, key)
      .column("order_id", type: .text, .notNull)
      .column("symbol", type: .text, .notNull)
      .column("side", type: .text, .notNull)
      .column("quantity", type: .text, .notNull)
      .column("price", type: .text, .notNull)
      .column("commission", type: .text, .notNull)
      .column("timestamp_ns", type: .bigint, .notNull)
      .run()
    try await database.create(index: "fills_time").on("fills").column("timestamp_ns").column("id").run()
    try await database.create(index: "fills_symbol_time").on("fills")
      .column("symbol").column("timestamp_ns").column("id").run()
    try await database.create(index: "fills_order").on("fills").column("order_id").run()

    try await database.create(table: "positions")
      .column("symbol", type: .text, key)
      .column("quantity", type: .text, .notNull)
      .column("average_entry_price", type: .text, .notNull)
      .column("realized_pnl", type: .text, .notNull)
      .column("updated_at_ns", type: .bigint, .notNull)
      .run()

    try await database.create(table: "portfolio_snapshots")
      .column("timestamp_ns", type: .bigint, key)
      .column("cash", type: .text, .notNull)
      .column("equity", type: .text, .notNull)
      .column("realized_pnl", type: .text, .notNull)
      .column("unrealized_pnl", type: .text, .notNull)
      .column("gross_exposure", type: .text, .notNull)
      .run()
  }
}

/// One numbered schema step.
struct Migration: Sendable {
  var version: Int
  var name: String
  var apply: @Sendable (any SQLDatabase) async throws -> Void
}

extension SQLDatabase {
  /// Runs `body` on one connection between `BEGIN` and `COMMIT`, rolling back if it throws.
  func inTransaction<Result>(
    _ body: @escaping @Sendable (any SQLDatabase) async throws -> Result
  ) async throws -> Result {
    try await withSession { session in
      try await session.raw("BEGIN").run()
      do {
        let result = try await body(session)
        try await session.raw("COMMIT").run()
        return result
      } catch {
        try? await session.raw("ROLLBACK").run()
        throw error
      }
    }
  }
}
