import SQLKit
import TradingCore

/// Every store of the live system over any SQLKit database: SQLite when embedded, PostgreSQL
/// when distributed, with the same queries (see `Migrations` for the schema and its types).
///
/// Listings page by keyset (see `PageCursor`), never by offset; every "insert" is idempotent on
/// the row's id, and every upsert keeps the newer of the stored and the offered record, so a
/// consumer that sees an event twice, or late, leaves the store as if it had seen it once.
public struct SQLTradingStore: Sendable {
  public let database: any SQLDatabase

  /// A store over `database`, whose schema must already be migrated (see `open(database:)`).
  public init(database: any SQLDatabase) {
    self.database = database
  }

  /// Migrates `database` to the latest schema and returns a store over it.
  public static func open(database: any SQLDatabase) async throws -> SQLTradingStore {
    try await Migrations.migrate(database)
    return SQLTradingStore(database: database)
  }

  /// Rows per `INSERT` in batch inserts, well under SQLite's and PostgreSQL's bound-parameter limits.
  static let batchSize = 500

  /// Throws unless a page of `limit` items is possible.
  static func validate(limit: Int) throws(StoreError) {
    guard limit >= 1 else { throw .invalidLimit(limit) }
  }

  /// Runs `select` for one page: fetches one row more than `limit` to learn whether a next page exists.
  func page<Item: Sendable>(
    _ select: SQLSelectBuilder, limit: Int, decode: (any SQLRow) throws -> Item, cursor: (Item) -> PageCursor
  ) async throws -> Page<Item> {
    let rows = try await select.limit(limit + 1).all()
    let items = try rows.prefix(limit).map(decode)
    let nextCursor = rows.count > limit ? items.last.map(cursor)?.encoded : nil
    return Page(items: items, nextCursor: nextCursor)
  }

  /// Restricts `select` to rows sorting before `cursor` in (`timeColumn`, id) order, newest first.
  func startAfter(_ cursor: PageCursor, timeColumn: String, in select: SQLSelectBuilder) {
    select.where(
      SQLGroupExpression([SQLColumn(timeColumn), SQLColumn("id")]), .lessThan,
      SQLGroupExpression([SQLBind(cursor.time ?? 0), SQLBind(cursor.id)]))
  }
}

extension SQLTradingStore: ExecutionStore {
  public func record(_ fill: FillRecord, order: OrderRecord, position: PositionRecord) async throws -> Bool {
    try await database.inTransaction { session in
      let store = SQLTradingStore(database: session)
      guard try await store.insert(fill) else { return false }
      try await store.upsert(order)
      try await store.upsert(position)
      return true
    }
  }
}
