/// Kill switch on drawdown: once equity falls more than `maxDrawdownFraction` below its peak,
/// only risk-reducing trades pass (trims and exits toward flat, never past it).
///
/// The switch latches until `reset()`: LEAN's `MaximumDrawdownPercentPortfolio` (QuantConnect/Lean,
/// `Algorithm.Framework/Risk/MaximumDrawdownPercentPortfolio.cs`) liquidates and starts
/// afresh on its own, but a strategy that has just lost this much should trade again only when
/// a person decides it may.
public struct MaxDrawdownRule: RiskRule {
  public let name = "max_drawdown"
  /// The largest tolerated fall from peak equity, as a fraction of the peak (default 10 %).
  public var maxDrawdownFraction: Double
  /// The highest equity seen so far (nil before the first context).
  public private(set) var peakEquity: Money?
  /// Whether the switch has tripped.
  public private(set) var isTripped = false

  public init(maxDrawdownFraction: Double = 0.10) {
    precondition((0...1).contains(maxDrawdownFraction), "maxDrawdownFraction is in [0, 1]")
    self.maxDrawdownFraction = maxDrawdownFraction
  }

  public mutating func observe(_ context: StrategyContext) {
    let equity = context.equity
    let peak = max(peakEquity ?? equity, equity)
    peakEquity = peak
    // Strictly more than the fraction: equity exactly at the limit does not trip.
    if equity < peak - peak.magnitude * Fixed(maxDrawdownFraction) { isTripped = true }
  }

  public func allowedTarget(
    for target: PortfolioTarget, current: Quantity, price: Price, context: StrategyContext
  ) -> Quantity {
    guard isTripped else { return target.quantity }
    return RiskBounds.shrink(target.quantity, toward: current, within: RiskBounds.reduceOnly(from: current))
  }

  /// Re-arms the switch and measures drawdown afresh from the next equity seen.
  public mutating func reset() {
    isTripped = false
    peakEquity = nil
  }
}
