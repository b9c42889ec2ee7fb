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
  /// Stores a fill; a fill with the same id already stored is left as it is.
  func insertFill(_ fill: FillRecord) async throws
  /// Inserts or replaces the position of `position.symbol`.
  func upsertPosition(_ position: PositionRecord) async throws
  /// Appends a portfolio snapshot.
  func insertPortfolioSnapshot(_ snapshot: PortfolioSnapshot) async throws
  /// Every stored fill in the order it was stored, to rebuild the accounts at start.
  func allFills() async throws -> [FillRecord]
}

extension PipelineStore {
  /// One decision after another; a store that can write several in one statement does better.
  public func insertOrdersIfAbsent(_ decisions: [OrderDecision]) async throws -> Set<OrderID> {
    var stored: Set<OrderID> = []
    for decision in decisions {
      if try await insertOrderIfAbsent(decision) { stored.insert(decision.id) }
    }
    return stored
  }
}
