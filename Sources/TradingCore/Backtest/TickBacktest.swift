/// Runs a `BarStrategy` over quote ticks: ticks are aggregated into time bars of their bids,
/// the strategy decides on each completed bar, and its market orders take the quote of the
/// tick in hand (buys at the ask, sells at the bid), after the configured latency.
///
/// This is the shape of NautilusTrader's `EMACross` on `1-MINUTE-BID-INTERNAL` bars.
public struct TickBacktest<Strategy: BarStrategy> {
  public var symbol: String { desk.symbol }
  public var strategy: Strategy
  public var aggregator: TimeBarAggregator
  var desk: BacktestDesk

  /// The simulated broker: orders, account and marks.
  public var broker: SimulatedBroker { desk.broker }

  public init(
    symbol: String, strategy: Strategy, cash: Money, barSeconds: Int,
    configuration: SimulatedBroker.Configuration = .init()
  ) {
    self.strategy = strategy
    self.aggregator = TimeBarAggregator(intervalSeconds: barSeconds)
    desk = BacktestDesk(symbol: symbol, broker: SimulatedBroker(cash: cash, configuration: configuration))
  }

  /// Runs over `ticks` (one symbol, in time order) and returns the result; equity is recorded
  /// at each bar's close.
  public mutating func run<Ticks: Sequence>(_ ticks: Ticks) -> BacktestResult where Ticks.Element == Tick {
    var timestamps: [Timestamp] = []
    var closes: [Price] = []
    var equity: [Money] = []
    func record(_ bar: Bar) {
      timestamps.append(bar.timestamp)
      closes.append(bar.close)
      equity.append(desk.equity(at: bar.close))
    }

    for tick in ticks {
      if desk.broker.hasOpenOrders { desk.match(MarketSnapshot(tick: tick)) }
      guard let bar = aggregator.update(price: tick.bid, volume: tick.volume, at: tick.timestamp) else { continue }
      record(bar)
      if desk.decide(&strategy, on: bar, index: timestamps.count - 1, at: tick.timestamp) {
        desk.match(MarketSnapshot(tick: tick))
      }
    }
    if let last = aggregator.flush() { record(last) }
    return desk.result(timestamps: timestamps, closes: closes, equity: equity, warmupBars: strategy.warmupBars)
  }
}
