import TradingCore

/// What the embedded pipeline writes to and reads from the store — nothing more, so that any
/// store (in memory for tests, SQL for the running system) can serve it.
///
/// Every write is idempotent, because the bus delivers at least once and a component may redo
/// the work of a message it had not acknowledged when it stopped.
public protocol PipelineStore: Sendable {
  /// Stores `signal`; a signal with the same id already stored is left as it is.
  func insertSignal(_ signal: Signal) async throws
  /// Stores the order decided as `decision` with status `new` unless an order with its id exists;
  /// returns whether it was stored now. This is the guard that keeps a signal to one order.
  func insertOrderIfAbsent(_ decision: OrderDecision) async throws -> Bool
  /// The stored status of order `id`, nil when no such order is stored.
  func orderStatus(_ id: OrderID) async throws -> Order.Status?
  /// Records the state the broker gave an order: status, filled quantity, reason.
  func updateOrder(_ order: Order) async throws
  /// Stores a fill; a fill with the same id already stored is left as it is.
  func insertFill(_ fill: FillRecord) async throws
  /// Inserts or replaces the position of `position.symbol`.
  func upsertPosition(_ position: PositionRecord) async throws
  /// Appends a portfolio snapshot.
  func insertPortfolioSnapshot(_ snapshot: PortfolioSnapshot) async throws
  /// Every stored fill in the order it was stored, to rebuild the accounts at start.
  func allFills() async throws -> [FillRecord]
}

/// A fill with its id, as stored and as carried on `orders:fills`.
///
/// The id is the order's id and the fill's 1-based number within the order (`O-…-F1`), so a
/// fill produced again for the same order gets the same id and is stored and applied once.
public struct FillRecord: Sendable, Hashable, Codable {
  public var id: String
  public var fill: Fill

  public init(id: String, fill: Fill) {
    self.id = id
    self.fill = fill
  }

  /// The record of the `number`-th (1-based) fill of `fill.orderID`.
  public init(_ fill: Fill, number: Int) {
    self.init(id: "\(fill.orderID)-F\(number)", fill: fill)
  }
}

/// One symbol's holding as stored and shown by `/api/positions`.
public struct PositionRecord: Sendable, Hashable, Codable {
  public var symbol: String
  /// Signed: positive long, negative short, zero flat.
  public var quantity: Quantity
  public var averageEntryPrice: Price
  public var realizedPnL: Money
  /// Time of the fill that last changed it.
  public var updatedAt: Timestamp

  public init(symbol: String, quantity: Quantity, averageEntryPrice: Price, realizedPnL: Money, updatedAt: Timestamp) {
    self.symbol = symbol
    self.quantity = quantity
    self.averageEntryPrice = averageEntryPrice
    self.realizedPnL = realizedPnL
    self.updatedAt = updatedAt
  }

  /// The record of `position` as of `time`.
  public init(_ position: Position, at time: Timestamp) {
    self.init(
      symbol: position.symbol, quantity: position.quantity, averageEntryPrice: position.averageEntryPrice,
      realizedPnL: position.realizedPnL, updatedAt: time)
  }
}

/// The account at one moment, as `/api/portfolio` shows it.
public struct PortfolioSnapshot: Sendable, Hashable, Codable {
  public var timestamp: Timestamp
  public var cash: Money
  /// Cash plus every position at its mark.
  public var equity: Money
  public var realizedPnL: Money
  public var unrealizedPnL: Money
  /// Σ |quantity × mark| over all positions.
  public var grossExposure: Money
  /// Signed quantity per symbol; flat symbols are left out.
  public var positions: [String: Quantity]

  public init(portfolio: Portfolio, marks: [String: Price], at timestamp: Timestamp) {
    self.timestamp = timestamp
    cash = portfolio.cash
    equity = portfolio.equity(marks: marks)
    realizedPnL = portfolio.realizedPnL
    unrealizedPnL = portfolio.unrealizedPnL(marks: marks)
    grossExposure = portfolio.grossExposure(marks: marks)
    positions = portfolio.positions.compactMapValues { $0.isFlat ? nil : $0.quantity }
  }
}
