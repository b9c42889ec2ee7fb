/// Runs a `BarStrategy` over a series of bars through a `SimulatedBroker`, deterministically.
///
/// Order of events on each bar i, as in backtesting.py: orders placed on bar i−1's close fill
/// (at bar i's open, by default), equity is recorded at bar i's close, then the strategy
/// decides on bar i's close.
public struct BarBacktest<Strategy: BarStrategy> {
  public var symbol: String
  public var fillModel: FillModel
  public var broker: SimulatedBroker
  public var strategy: Strategy

  public init(
    symbol: String = "ASSET", strategy: Strategy, cash: Money,
    configuration: SimulatedBroker.Configuration = .init(), fillModel: FillModel = .nextBarOpen
  ) {
    precondition(fillModel != .quote, "bar backtests fill at a bar's open or close")
    self.symbol = symbol
    self.strategy = strategy
    self.fillModel = fillModel
    self.broker = SimulatedBroker(cash: cash, configuration: configuration)
  }

  /// Runs over `bars` (strictly increasing in time) and returns the result.
  public mutating func run(_ bars: [Bar]) -> BacktestResult {
    var equity: [Money] = []
    equity.reserveCapacity(bars.count)
    var context = BarStrategyContext(symbol: symbol)
    var reports: [ExecutionReport] = []
    var rejected = 0
    var held = Quantity.zero
    var orderNumber = 0

    /// Books what the broker did: the new position, and the count of rejected orders.
    func settle(_ reports: inout [ExecutionReport]) {
      held = broker.portfolio.quantity(of: symbol)
      for case .rejected in reports { rejected += 1 }
      reports.removeAll(keepingCapacity: true)
    }

    for (index, bar) in bars.enumerated() {
      if fillModel == .nextBarOpen && broker.hasOpenOrders {
        broker.match(symbol: symbol, market: MarketSnapshot(bar: bar, fillingAt: bar.open), reports: &reports)
        settle(&reports)
      }
      equity.append(broker.portfolio.cash + held * bar.close)

      context.position = held
      context.cash = broker.portfolio.cash
      context.barIndex = index
      strategy.onBar(bar, context: &context)
      guard !context.orders.isEmpty else { continue }
      for request in context.orders {
        orderNumber += 1
        let order = Order(
          id: OrderID("BT-\(orderNumber)"), symbol: symbol, side: request.side, quantity: request.quantity,
          createdAt: bar.timestamp)
        _ = broker.submit(order, at: bar.timestamp)
      }
      context.orders.removeAll(keepingCapacity: true)
      if fillModel == .barClose {
        broker.match(symbol: symbol, market: MarketSnapshot(bar: bar, fillingAt: bar.close), reports: &reports)
        settle(&reports)
      }
    }

    let timestamps = bars.map(\.timestamp)
    let portfolio = broker.portfolio
    return BacktestResult(
      symbol: symbol, timestamps: timestamps, closes: bars.map(\.close), equity: equity,
      trades: BacktestResult.indexedTrades(portfolio.closedTrades, timestamps: timestamps),
      openLots: portfolio.positions[symbol]?.lots ?? [], commissions: portfolio.commissions,
      warmupBars: strategy.warmupBars, ordersRejected: rejected, finalPortfolio: portfolio)
  }
}
