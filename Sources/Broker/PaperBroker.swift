import TradingCore

/// The paper broker of the embedded mode: `SimulatedBroker` driven by live quotes.
///
/// Market orders fill at once against the latest quote of their symbol — buys at the ask, sells
/// at the bid, moved by the configured slippage, charged the configured commission — the same
/// code path the tick backtest uses. An order for a symbol with no quote yet is rejected with a
/// reason. Limit orders rest until a quote reaches them.
///
/// Placing is idempotent per order id: placing one of the last `rememberedPlacements` ids again
/// returns its first placement, so a redelivered order decision never trades twice. Older ids
/// are forgotten, to bound memory; the pipeline's store guards those (execution places only
/// orders still `new`).
public actor PaperBroker: BrokerClient {
  public nonisolated let name = "paper"
  private var simulated: SimulatedBroker
  private var quotes: [String: Tick] = [:]
  private var placements: [OrderID: Placement] = [:]
  private var placementOrder: RingBuffer<OrderID>
  /// Reports for resting orders that filled while another order was being placed; handed out by
  /// the next `updateQuote`.
  private var undelivered: [ExecutionReport] = []

  public init(
    cash: Money, configuration: SimulatedBroker.Configuration = SimulatedBroker.Configuration(),
    rememberedPlacements: Int = 100_000
  ) {
    simulated = SimulatedBroker(cash: cash, configuration: configuration)
    placementOrder = RingBuffer(capacity: rememberedPlacements)
  }

  /// Records `tick` as its symbol's latest quote and fills the resting orders it reaches.
  public func updateQuote(_ tick: Tick) -> [ExecutionReport] {
    quotes[tick.symbol] = tick
    var reports = undelivered
    undelivered.removeAll()
    simulated.match(symbol: tick.symbol, market: MarketSnapshot(tick: tick), reports: &reports)
    return reports
  }

  public func place(_ order: Order) -> Placement {
    if let previous = placements[order.id] { return previous }
    let placement = execute(order)
    placements[order.id] = placement
    if let forgotten = placementOrder.append(order.id) { placements[forgotten] = nil }
    return placement
  }

  public func cancel(_ id: OrderID) throws(BrokerError) -> Order {
    guard let cancelled = simulated.cancel(id) else { throw .unknownOrder(id) }
    return cancelled
  }

  public func account() -> BrokerAccount {
    let portfolio = simulated.portfolio
    return BrokerAccount(
      cash: portfolio.cash, equity: simulated.equity,
      positions: portfolio.positions.compactMapValues { $0.isFlat ? nil : $0.quantity }, marks: simulated.marks)
  }

  /// The account's portfolio, lots and closed trades included.
  public var portfolio: Portfolio { simulated.portfolio }

  /// Rebuilds the account from stored fills, oldest first (event sourcing): call it once, on a
  /// fresh broker, before any order.
  public func restore(fills: [Fill]) {
    for fill in fills { simulated.replay(fill) }
  }

  private func execute(_ order: Order) -> Placement {
    guard let quote = quotes[order.symbol] else {
      var rejected = order
      rejected.status = .rejected
      rejected.reason = "no quote for \(order.symbol) yet"
      return Placement(order: rejected, fills: [])
    }
    let accepted = simulated.submit(order, at: quote.timestamp)
    var reports: [ExecutionReport] = []
    simulated.match(symbol: order.symbol, market: MarketSnapshot(tick: quote), reports: &reports)
    var placement = Placement(order: accepted, fills: [])
    for report in reports {
      guard report.order.id == order.id else {
        undelivered.append(report)
        continue
      }
      // A fill may be followed by a rejection of the part that could not be paid for: the
      // order ends rejected, keeping the fills it did get.
      switch report {
      case .filled(let filled, let fill):
        placement.fills.append(fill)
        placement.order = filled
      case .rejected(var rejected, let reason):
        rejected.reason = reason
        placement.order = rejected
      }
    }
    placement.order.filledQuantity = placement.fills.reduce(.zero) { $0 + $1.quantity }
    return placement
  }
}
