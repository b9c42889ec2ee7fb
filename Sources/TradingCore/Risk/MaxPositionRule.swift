/// Caps the size of the position in one symbol, in units, in notional at the trade's price, or
/// both (whichever is tighter).
public struct MaxPositionRule: RiskRule {
  public let name = "max_position"
  /// The most units held, long or short.
  public var maxUnits: Quantity?
  /// The most |quantity × price| held.
  public var maxNotional: Money?

  public init(maxUnits: Quantity? = nil, maxNotional: Money? = nil) {
    precondition(maxUnits != nil || maxNotional != nil, "a position limit needs units or notional")
    precondition(!(maxUnits?.isNegative ?? false) && !(maxNotional?.isNegative ?? false), "limits are not negative")
    self.maxUnits = maxUnits
    self.maxNotional = maxNotional
  }

  public func allowedTarget(
    for target: PortfolioTarget, current: Quantity, price: Price, context: StrategyContext
  ) -> Quantity {
    var limit = maxUnits ?? Quantity(raw: .max)
    if let maxNotional {
      limit = min(limit, Fixed.units(affordableWith: maxNotional, at: price))
    }
    return RiskBounds.shrink(target.quantity, toward: current, within: RiskBounds.symmetric(limit))
  }
}
