/// Runs a `BarStrategy` over quote ticks: ticks are aggregated into time bars of their bids,
/// the strategy decides on each completed bar, and its market orders take the quote of the
/// tick in hand (buys at the ask, sells at the bid), after the configured latency.
///
/// This is the shape of NautilusTrader's `EMACross` on `1-MINUTE-BID-INTERNAL` bars.
public struct TickBacktest<Strategy: BarStrategy> {
  public var symbol: String
  public var broker: SimulatedBroker
  public var strategy: Strategy
  public var aggregator: TimeBarAggregator

  public init(
    symbol: String, strategy: Strategy, cash: Money, barSeconds: Int,
    configuration: SimulatedBroker.Configuration = .init()
  ) {
    self.symbol = symbol
    self.strategy = strategy
    self.broker = SimulatedBroker(cash: cash, configuration: configuration)
    self.aggregator = TimeBarAggregator(intervalSeconds: barSeconds)
  }

  /// Runs over `ticks` (one symbol, in time order) and returns the result; equity is recorded
  /// at each bar's close.
  public mutating func run<Ticks: Sequence>(_ ticks: Ticks) -> BacktestResult where Ticks.Element == Tick {
    var timestamps: [Timestamp] = []
    var closes: [Price] = []
    var equity: [Money] = []
    var context = BarStrategyContext(symbol: symbol)
    var reports: [ExecutionReport] = []
    var rejected = 0
    var held = Quantity.zero
    var orderNumber = 0

    func record(_ bar: Bar) {
      timestamps.append(bar.timestamp)
      closes.append(bar.close)
      equity.append(broker.portfolio.cash + held * bar.close)
    }

    for tick in ticks {
      if broker.hasOpenOrders {
        broker.match(symbol: symbol, market: MarketSnapshot(tick: tick), reports: &reports)
        held = broker.portfolio.quantity(of: symbol)
        for case .rejected in reports { rejected += 1 }
        reports.removeAll(keepingCapacity: true)
      }
      guard let bar = aggregator.update(price: tick.bid, volume: tick.volume, at: tick.timestamp) else { continue }
      record(bar)
      context.position = held
      context.cash = broker.portfolio.cash
      context.barIndex = timestamps.count - 1
      strategy.onBar(bar, context: &context)
      guard !context.orders.isEmpty else { continue }
      for request in context.orders {
        orderNumber += 1
        let order = Order(
          id: OrderID("BT-\(orderNumber)"), symbol: symbol, side: request.side, quantity: request.quantity,
          createdAt: tick.timestamp)
        _ = broker.submit(order, at: tick.timestamp)
      }
      context.orders.removeAll(keepingCapacity: true)
      broker.match(symbol: symbol, market: MarketSnapshot(tick: tick), reports: &reports)
      held = broker.portfolio.quantity(of: symbol)
      for case .rejected in reports { rejected += 1 }
      reports.removeAll(keepingCapacity: true)
    }
    if let last = aggregator.flush() { record(last) }

    let portfolio = broker.portfolio
    return BacktestResult(
      symbol: symbol, timestamps: timestamps, closes: closes, equity: equity,
      trades: BacktestResult.indexedTrades(portfolio.closedTrades, timestamps: timestamps),
      openLots: portfolio.positions[symbol]?.lots ?? [], commissions: portfolio.commissions,
      warmupBars: strategy.warmupBars, ordersRejected: rejected, finalPortfolio: portfolio)
  }
}
