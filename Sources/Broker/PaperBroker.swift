import TradingCore

/// The paper broker of the embedded mode: a `QuotedSimulation` (the simulated broker of the core
/// driven by live quotes) in-process.
///
/// Placing is idempotent per order id: placing one of the last `rememberedPlacements` ids again
/// returns its first placement, so a redelivered order decision never trades twice. Older ids
/// are forgotten, to bound memory; the pipeline's store guards those (execution places only
/// orders still `new`).
public actor PaperBroker: BrokerClient {
  public nonisolated let name = "paper"
  private var simulation: QuotedSimulation
  private var placements: [OrderID: Placement] = [:]
  private var placementOrder: RingBuffer<OrderID>

  public init(
    cash: Money, configuration: SimulatedBroker.Configuration = SimulatedBroker.Configuration(),
    rememberedPlacements: Int = 100_000
  ) {
    simulation = QuotedSimulation(cash: cash, configuration: configuration)
    placementOrder = RingBuffer(capacity: rememberedPlacements)
  }

  /// Records `tick` as its symbol's latest quote and fills the resting orders it reaches.
  public func updateQuote(_ tick: Tick) -> [ExecutionReport] { simulation.updateQuote(tick) }

  public func place(_ order: Order) -> Placement {
    if let previous = placements[order.id] { return previous }
    let placement = simulation.place(order)
    placements[order.id] = placement
    if let forgotten = placementOrder.append(order.id) { placements[forgotten] = nil }
    return placement
  }

  public func cancel(_ id: OrderID) throws(BrokerError) -> Order {
    guard let cancelled = simulation.cancel(id) else { throw .unknownOrder(id) }
    return cancelled
  }

  public func account() -> BrokerAccount { simulation.account }

  /// The account's portfolio, lots and closed trades included.
  public var portfolio: Portfolio { simulation.simulated.portfolio }

  /// Rebuilds the account from stored fills, oldest first (event sourcing): call it once, on a
  /// fresh broker, before any order.
  public func restore(fills: [Fill]) { simulation.restore(fills: fills) }
}
