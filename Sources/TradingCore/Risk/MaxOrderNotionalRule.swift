/// Caps one order's notional, |quantity traded × price| — the fat-finger limit. Applies to
/// every order, risk-reducing ones included, because its purpose is to bound a single mistake.
public struct MaxOrderNotionalRule: RiskRule {
  public let name = "max_order_notional"
  public var maxOrderNotional: Money

  public init(maxOrderNotional: Money) {
    precondition(!maxOrderNotional.isNegative, "maxOrderNotional is not negative")
    self.maxOrderNotional = maxOrderNotional
  }

  public func allowedTarget(
    for target: PortfolioTarget, current: Quantity, price: Price, context: StrategyContext
  ) -> Quantity {
    let maxUnits = Fixed.units(affordableWith: maxOrderNotional, at: price)
    return RiskBounds.shrink(target.quantity, toward: current, within: (current - maxUnits)...(current + maxUnits))
  }
}
