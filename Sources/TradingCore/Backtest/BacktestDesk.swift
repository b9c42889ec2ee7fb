/// The trading side of a single-instrument backtest, shared by the bar and the tick engines: the
/// simulated broker, the position it holds, the strategy's orders on their way to it, and the
/// count of orders it rejected.
struct BacktestDesk {
  let symbol: String
  var broker: SimulatedBroker
  /// The signed position after the last match.
  private(set) var held = Quantity.zero
  private(set) var rejected = 0
  private var orderNumber = 0
  private var reports: [ExecutionReport] = []
  private var context: BarStrategyContext

  init(symbol: String, broker: SimulatedBroker) {
    self.symbol = symbol
    self.broker = broker
    context = BarStrategyContext(symbol: symbol)
  }

  /// Cash plus the position at `mark`.
  func equity(at mark: Price) -> Money { broker.portfolio.cash + held * mark }

  /// Fills what can fill against `market`, then books the new position and the rejections.
  mutating func match(_ market: MarketSnapshot) {
    broker.match(symbol: symbol, market: market, reports: &reports)
    held = broker.portfolio.quantity(of: symbol)
    for case .rejected in reports { rejected += 1 }
    reports.removeAll(keepingCapacity: true)
  }

  /// Shows `bar` to the strategy and submits the orders it places at `time`; returns whether
  /// it placed any.
  mutating func decide<Strategy: BarStrategy>(
    _ strategy: inout Strategy, on bar: Bar, index: Int, at time: Timestamp
  ) -> Bool {
    context.position = held
    context.cash = broker.portfolio.cash
    context.barIndex = index
    strategy.onBar(bar, context: &context)
    guard !context.orders.isEmpty else { return false }
    for request in context.orders {
      orderNumber += 1
      let order = Order(
        id: OrderID("BT-\(orderNumber)"), symbol: symbol, side: request.side, quantity: request.quantity,
        createdAt: time)
      _ = broker.submit(order, at: time)
    }
    context.orders.removeAll(keepingCapacity: true)
    return true
  }

  /// The result of a run over bars stamped `timestamps` with `closes`, given its equity curve.
  func result(timestamps: [Timestamp], closes: [Price], equity: [Money], warmupBars: Int) -> BacktestResult {
    let portfolio = broker.portfolio
    return BacktestResult(
      symbol: symbol, timestamps: timestamps, closes: closes, equity: equity,
      trades: BacktestResult.indexedTrades(portfolio.closedTrades, timestamps: timestamps),
      openLots: portfolio.positions[symbol]?.lots ?? [], commissions: portfolio.commissions,
      warmupBars: warmupBars, ordersRejected: rejected, finalPortfolio: portfolio)
  }
}
