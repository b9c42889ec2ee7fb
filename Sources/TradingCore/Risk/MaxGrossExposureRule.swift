/// Caps gross exposure after the trade: Σ |position × last price| over every symbol, with this
/// symbol's position at the target and the trade's price.
///
/// When another held symbol has no price its exposure is unknown, and the rule lets only
/// risk-reducing trades pass rather than assume that exposure is small.
public struct MaxGrossExposureRule: RiskRule {
  public let name = "max_gross_exposure"
  public var maxGrossExposure: Money

  public init(maxGrossExposure: Money) {
    precondition(!maxGrossExposure.isNegative, "maxGrossExposure is not negative")
    self.maxGrossExposure = maxGrossExposure
  }

  public func allowedTarget(
    for target: PortfolioTarget, current: Quantity, price: Price, context: StrategyContext
  ) -> Quantity {
    guard let others = context.grossExposure(excluding: target.symbol) else {
      return RiskBounds.shrink(target.quantity, toward: current, within: RiskBounds.reduceOnly(from: current))
    }
    let headroom = Fixed.units(affordableWith: maxGrossExposure - others, at: price)
    return RiskBounds.shrink(target.quantity, toward: current, within: RiskBounds.symmetric(headroom))
  }
}
