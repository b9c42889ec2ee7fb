/// Runs a `BarStrategy` over a series of bars through a `SimulatedBroker`, deterministically.
///
/// Order of events on each bar i, as in backtesting.py: orders placed on bar i−1's close fill
/// (at bar i's open, by default), equity is recorded at bar i's close, then the strategy
/// decides on bar i's close.
public struct BarBacktest<Strategy: BarStrategy> {
  public var symbol: String { desk.symbol }
  public var fillModel: FillModel
  public var strategy: Strategy
  var desk: BacktestDesk

  /// The simulated broker: orders, account and marks.
  public var broker: SimulatedBroker { desk.broker }

  public init(
    symbol: String = "ASSET", strategy: Strategy, cash: Money,
    configuration: SimulatedBroker.Configuration = .init(), fillModel: FillModel = .nextBarOpen
  ) {
    precondition(fillModel != .quote, "bar backtests fill at a bar's open or close")
    self.strategy = strategy
    self.fillModel = fillModel
    desk = BacktestDesk(symbol: symbol, broker: SimulatedBroker(cash: cash, configuration: configuration))
  }

  /// Runs over `bars` (strictly increasing in time) and returns the result.
  public mutating func run(_ bars: [Bar]) -> BacktestResult {
    var equity: [Money] = []
    equity.reserveCapacity(bars.count)
    for (index, bar) in bars.enumerated() {
      if fillModel == .nextBarOpen && desk.broker.hasOpenOrders {
        desk.match(MarketSnapshot(bar: bar, fillingAt: bar.open))
      }
      equity.append(desk.equity(at: bar.close))
      if desk.decide(&strategy, on: bar, index: index, at: bar.timestamp) && fillModel == .barClose {
        desk.match(MarketSnapshot(bar: bar, fillingAt: bar.close))
      }
    }
    return desk.result(
      timestamps: bars.map(\.timestamp), closes: bars.map(\.close), equity: equity, warmupBars: strategy.warmupBars)
  }
}
