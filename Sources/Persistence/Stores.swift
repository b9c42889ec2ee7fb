import TradingCore

/// Signals as the pattern engine published them (`signals:global`).
public protocol SignalStore: Sendable {
  /// Stores `signal` unless one with its id is stored already; returns whether it was new.
  @discardableResult func insert(_ signal: Signal) async throws -> Bool
  /// Stores every signal whose id is not stored yet, in one transaction; returns the ids that were new.
  @discardableResult func insert(contentsOf signals: [Signal]) async throws -> [TimeSortableID]
  /// The signal with `id`, if stored.
  func signal(id: TimeSortableID) async throws -> Signal?
  /// One page of the signals matching `query`, newest first by id.
  func signals(_ query: SignalQuery) async throws -> Page<Signal>
}

/// Orders and where their execution stands, keyed by a unique order id.
public protocol OrderStore: Sendable {
  /// Stores `order` unless one with its id exists; false means a redelivered signal's order was already made.
  func insertIfAbsent(_ order: OrderRecord) async throws -> Bool
  /// Stores `order`, replacing the record with its id unless that one is newer; returns whether it was written.
  @discardableResult func upsert(_ order: OrderRecord) async throws -> Bool
  /// The order with `id`, if stored.
  func order(id: OrderID) async throws -> OrderRecord?
  /// One page of the orders matching `query`, newest first by creation time.
  func orders(_ query: OrderQuery) async throws -> Page<OrderRecord>
}

/// The steps of every order's life, each stored once under its order id and sequence number.
public protocol OrderTransitionStore: Sendable {
  /// Stores each transition unless one with its order id and sequence exists; returns how many
  /// were stored now.
  @discardableResult func insertIfAbsent(_ transitions: [OrderTransition]) async throws -> Int
  /// The transitions of order `id`, by sequence.
  func transitions(of id: OrderID) async throws -> [OrderTransition]
}

/// Executions, each stored once under its fill id.
public protocol FillStore: Sendable {
  /// Stores `fill` unless one with its id is stored already; returns whether it was new.
  @discardableResult func insert(_ fill: FillRecord) async throws -> Bool
  /// The fill with `id`, if stored.
  func fill(id: String) async throws -> FillRecord?
  /// One page of the fills matching `query`, newest first by execution time.
  func fills(_ query: FillQuery) async throws -> Page<FillRecord>
}

/// The current position in each symbol.
public protocol PositionStore: Sendable {
  /// Stores `position` as its symbol's current one unless the stored one is newer; returns whether it was written.
  @discardableResult func upsert(_ position: PositionRecord) async throws -> Bool
  /// The current position in `symbol`, if one was ever stored.
  func position(symbol: String) async throws -> PositionRecord?
  /// Every stored position, by symbol.
  func positions() async throws -> [PositionRecord]
}

/// The account's figures over time.
public protocol PortfolioSnapshotStore: Sendable {
  /// Stores `snapshot`, replacing one stored for the same timestamp.
  func insert(_ snapshot: PortfolioSnapshot) async throws
  /// The snapshot with the latest timestamp, if any.
  func latestSnapshot() async throws -> PortfolioSnapshot?
}

/// What one fill changes, stored together so that a crash never leaves a fill without its effect.
public protocol ExecutionStore: Sendable {
  /// Stores `fill` with the order and position it leaves, all or nothing; false, writing nothing, if the fill was stored.
  func record(_ fill: FillRecord, order: OrderRecord, position: PositionRecord) async throws -> Bool
}

/// Everything the live system stores; `SQLTradingStore` implements it over SQLite and PostgreSQL.
public typealias TradingStore = SignalStore & OrderStore & FillStore & PositionStore & PortfolioSnapshotStore
  & ExecutionStore & OrderTransitionStore
