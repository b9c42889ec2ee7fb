/// NautilusTrader's example `EMACross`: once both EMAs are initialised, on each bar hold long
/// while the fast EMA is at or above the slow one and short while it is below — entering from
/// flat, or closing the opposite position and then entering.
///
/// The EMAs seed with their first value, as NautilusTrader's do.
public struct EmaCrossStrategy: BarStrategy {
  public var fastEMA: EMA
  public var slowEMA: EMA
  public var sizing: OrderSizing

  public init(fastPeriod: Int, slowPeriod: Int, sizing: OrderSizing) {
    precondition(0 < fastPeriod && fastPeriod < slowPeriod, "fast period must be positive and below slow")
    fastEMA = EMA(period: fastPeriod, seed: .firstValue)
    slowEMA = EMA(period: slowPeriod, seed: .firstValue)
    self.sizing = sizing
  }

  public var warmupBars: Int { slowEMA.period - 1 }

  public mutating func onBar(_ bar: Bar, context: inout BarStrategyContext) {
    let close = bar.close.doubleValue
    fastEMA.update(close)
    slowEMA.update(close)
    guard fastEMA.isReady && slowEMA.isReady else { return }
    if fastEMA.value >= slowEMA.value {
      if context.isShort { context.closePosition() }
      if !context.isLong { context.buy(sizing) }
    } else {
      if context.isLong { context.closePosition() }
      if !context.isShort { context.sell(sizing) }
    }
  }
}
