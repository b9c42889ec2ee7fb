import SQLKit
import TradingCore

extension SQLTradingStore: SignalStore {
  static let signalColumns = ["id", "symbol", "score", "abs_score", "timestamp_ns", "source", "meta"]

  @discardableResult
  public func insert(_ signal: Signal) async throws -> Bool {
    let inserted = try await database.insert(into: "signals").columns(Self.signalColumns)
      .values(Self.values(of: signal))
      .ignoringConflicts(with: "id")
      .returning("id").all()
    return !inserted.isEmpty
  }

  @discardableResult
  public func insert(contentsOf signals: [Signal]) async throws -> [TimeSortableID] {
    guard !signals.isEmpty else { return [] }
    let rows = signals.map(Self.values(of:))
    // One statement is atomic by itself: a transaction (two more round trips) only for several.
    guard rows.count > Self.batchSize else { return try await Self.insertSignalRows(rows[...], into: database) }
    return try await database.inTransaction { session in
      var inserted: [TimeSortableID] = []
      for start in stride(from: 0, to: rows.count, by: Self.batchSize) {
        let batch = rows[start..<min(start + Self.batchSize, rows.count)]
        inserted += try await Self.insertSignalRows(batch, into: session)
      }
      return inserted
    }
  }

  /// One multi-row `INSERT … ON CONFLICT (id) DO NOTHING RETURNING id`: the ids stored now.
  private static func insertSignalRows(_ rows: ArraySlice<[any SQLExpression]>, into database: any SQLDatabase)
    async throws -> [TimeSortableID]
  {
    let returned = try await database.insert(into: "signals").columns(signalColumns)
      .rows(Array(rows))
      .ignoringConflicts(with: "id")
      .returning("id").all()
    return try returned.map { try RowReader(row: $0, table: "signals").signalID("id") }
  }

  public func signal(id: TimeSortableID) async throws -> Signal? {
    try await database.select().columns(Self.signalColumns).from("signals")
      .where("id", .equal, id.description)
      .first()
      .map(Self.signal(from:))
  }

  public func signals(_ query: SignalQuery) async throws -> Page<Signal> {
    try Self.validate(limit: query.limit)
    let select = database.select().columns(Self.signalColumns).from("signals")
    if let id = try query.cursorID() {
      select.where("id", .lessThan, id.description)
    }
    if let symbol = query.symbol {
      select.where("symbol", .equal, symbol)
    }
    if let minimumScore = query.minimumScore {
      select.where("abs_score", .greaterThanOrEqual, minimumScore)
    }
    select.orderBy("id", .descending)
    return try await page(select, limit: query.limit, decode: Self.signal(from:)) {
      PageCursor(signalAfter: $0.id)
    }
  }

  static func values(of signal: Signal) -> [any SQLExpression] {
    [
      SQLBind(signal.id.description), SQLBind(signal.symbol), SQLBind(signal.score), SQLBind(signal.score.magnitude),
      SQLBind(signal.timestamp.nanosecondsSinceEpoch), SQLBind(signal.source),
      SQLBind(FlatNumberObject.text(signal.meta)),
    ]
  }

  static func signal(from row: any SQLRow) throws -> Signal {
    let reader = RowReader(row: row, table: "signals")
    return Signal(
      id: try reader.signalID("id"), symbol: try reader.string("symbol"), score: try reader.double("score"),
      timestamp: try reader.timestamp("timestamp_ns"), source: try reader.string("source"),
      meta: try reader.meta("meta"))
  }
}
