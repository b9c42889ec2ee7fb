import TradingCore

/// `SimulatedBroker` driven by live quotes: what the paper broker and the mock MCP broker both
/// trade on.
///
/// Market orders fill at once against the latest quote of their symbol — buys at the ask, sells
/// at the bid, moved by the configured slippage, charged the configured commission — the same
/// code path the tick backtest uses. An order for a symbol with no quote yet is rejected with a
/// reason. Limit orders rest until a quote reaches them.
struct QuotedSimulation: Sendable {
  private(set) var simulated: SimulatedBroker
  private(set) var quotes: [String: Tick] = [:]
  /// Reports for resting orders that filled while another order was being placed; handed out by
  /// the next `updateQuote`.
  private var undelivered: [ExecutionReport] = []

  init(cash: Money, configuration: SimulatedBroker.Configuration) {
    simulated = SimulatedBroker(cash: cash, configuration: configuration)
  }

  /// Records `tick` as its symbol's latest quote and fills the resting orders it reaches.
  mutating func updateQuote(_ tick: Tick) -> [ExecutionReport] {
    quotes[tick.symbol] = tick
    var reports = undelivered
    undelivered.removeAll()
    simulated.match(symbol: tick.symbol, market: MarketSnapshot(tick: tick), reports: &reports)
    return reports
  }

  /// Sends `order` to the simulated broker and matches it against its symbol's quote at once.
  mutating func place(_ order: Order) -> Placement {
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

  /// Cancels an open order; `nil` when no open order has this id.
  mutating func cancel(_ id: OrderID) -> Order? { simulated.cancel(id) }

  /// Cash, equity, holdings and marks.
  var account: BrokerAccount {
    let portfolio = simulated.portfolio
    return BrokerAccount(
      cash: portfolio.cash, equity: simulated.equity,
      positions: portfolio.positions.compactMapValues { $0.isFlat ? nil : $0.quantity }, marks: simulated.marks)
  }

  /// Rebuilds the account from stored fills, oldest first (event sourcing), and puts the orders
  /// that were resting back on the book: call it once, before any order.
  mutating func restore(fills: [Fill], resting: [Order] = []) {
    for fill in fills { simulated.replay(fill) }
    for order in resting { _ = simulated.submit(order, at: order.createdAt) }
  }
}
