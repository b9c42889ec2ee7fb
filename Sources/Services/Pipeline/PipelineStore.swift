import Persistence
import TradingCore

/// What the embedded pipeline writes to and reads from the store — nothing more, so that any
/// store (in memory for tests, SQL for the running system) can serve it.
///
/// Every write is idempotent, because the bus delivers at least once and a component may redo
/// the work of a message it had not acknowledged when it stopped.
public protocol PipelineStore: Sendable {
  /// Stores `signal`; a signal with the same id already stored is left as it is.
  func insertSignal(_ signal: Signal) async throws
  /// `insertSignal` for several signals at once, all or none.
  func insertSignals(_ signals: [Signal]) async throws
  /// Stores the order decided as `decision` with status `new` unless an order with its id exists;
  /// returns whether it was stored now. This is the guard that keeps a signal to one order.
  func insertOrderIfAbsent(_ decision: OrderDecision) async throws -> Bool
  /// `insertOrderIfAbsent` for several decisions at once; returns the ids stored now.
  func insertOrdersIfAbsent(_ decisions: [OrderDecision]) async throws -> Set<OrderID>
  /// The stored status of order `id`, nil when no such order is stored.
  func orderStatus(_ id: OrderID) async throws -> Order.Status?
  /// Records the state the broker gave an order — status, filled quantity, reason — with the
  /// fills it produced (for the average fill price and the time of the update).
  func updateOrder(_ order: Order, fills: [FillRecord]) async throws
  /// Stores a fill; a fill with the same id already stored is left as it is. Returns whether it
  /// was stored now.
  @discardableResult func insertFill(_ fill: FillRecord) async throws -> Bool
  /// Where order `id` stands — status, filled quantity, transitions recorded — nil when no such
  /// order is stored.
  func orderProgress(_ id: OrderID) async throws -> OrderProgress?
  /// Records the steps of orders' lives; a step already stored (same order, same sequence) is
  /// left as it is.
  func insertTransitions(_ transitions: [OrderTransition]) async throws
  /// The orders stored as accepted or partially filled: at the broker and not finished.
  func openOrderIDs() async throws -> [OrderID]
  /// Inserts or replaces the position of `position.symbol`.
  func upsertPosition(_ position: PositionRecord) async throws
  /// Appends a portfolio snapshot.
  func insertPortfolioSnapshot(_ snapshot: PortfolioSnapshot) async throws
  /// Every stored fill in the order it was stored, to rebuild the accounts at start.
  func allFills() async throws -> [FillRecord]
  /// The stored positions (`upsertPosition`), as kept from the fills by the portfolio.
  func storedPositions() async throws -> [PositionRecord]
}

extension PipelineStore {
  /// One signal after another; a store that can write several in one statement does better.
  public func insertSignals(_ signals: [Signal]) async throws {
    for signal in signals { try await insertSignal(signal) }
  }

  /// One decision after another; a store that can write several in one statement does better.
  public func insertOrdersIfAbsent(_ decisions: [OrderDecision]) async throws -> Set<OrderID> {
    var stored: Set<OrderID> = []
    for decision in decisions {
      if try await insertOrderIfAbsent(decision) { stored.insert(decision.id) }
    }
    return stored
  }
}

/// Where an order stands in the store.
public struct OrderProgress: Sendable, Hashable {
  public var status: Order.Status
  public var filledQuantity: Quantity
  /// How many transitions are recorded: the next one is numbered one more.
  public var transitions: Int

  public init(status: Order.Status, filledQuantity: Quantity, transitions: Int) {
    self.status = status
    self.filledQuantity = filledQuantity
    self.transitions = transitions
  }
}
