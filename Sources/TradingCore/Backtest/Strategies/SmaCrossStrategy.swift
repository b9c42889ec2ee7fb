/// backtesting.py's canonical `SmaCross`: buy when the fast SMA of the close crosses above the
/// slow one, sell when it crosses below, each order first closing the open trade
/// (`exclusive_orders=True`), so the strategy is always in the market once it has started.
///
/// A cross is `fast[-2] < slow[-2] and fast[-1] > slow[-1]` (backtesting.lib `crossover`):
/// strict on both sides, so bars where the averages are equal produce no cross.
public struct SmaCrossStrategy: BarStrategy {
  public var fastSMA: SMA
  public var slowSMA: SMA
  public var sizing: OrderSizing
  var previousFast = Double.nan
  var previousSlow = Double.nan

  public init(fastPeriod: Int, slowPeriod: Int, sizing: OrderSizing = .allAvailable) {
    precondition(0 < fastPeriod && fastPeriod < slowPeriod, "fast period must be positive and below slow")
    fastSMA = SMA(period: fastPeriod)
    slowSMA = SMA(period: slowPeriod)
    self.sizing = sizing
  }

  public var warmupBars: Int { slowSMA.period - 1 }

  public mutating func onBar(_ bar: Bar, context: inout BarStrategyContext) {
    let close = bar.close.doubleValue
    fastSMA.update(close)
    slowSMA.update(close)
    let fast = fastSMA.value
    let slow = slowSMA.value
    // Comparisons with NaN (not yet ready) are false, as in numpy.
    if previousFast < previousSlow && fast > slow {
      context.enterExclusively(.buy, sizing)
    } else if previousSlow < previousFast && slow > fast {
      context.enterExclusively(.sell, sizing)
    }
    previousFast = fast
    previousSlow = slow
  }
}
