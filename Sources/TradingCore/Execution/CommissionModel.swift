/// What a fill costs in fees: a fixed amount per order, an amount per unit and a fraction of
/// the notional, in any combination.
///
/// backtesting.py's `commission=.002` is `CommissionModel(rate: 0.002)`, charged on entry and
/// again on exit, since every fill pays it.
public struct CommissionModel: Sendable, Hashable, Codable {
  public var perOrder: Money
  public var perUnit: Money
  /// Fraction of quantity × price, e.g. 0.002 for 0.2 %; may be negative for maker rebates.
  public var rate: Fixed

  public init(perOrder: Money = .zero, perUnit: Money = .zero, rate: Fixed = .zero) {
    self.perOrder = perOrder
    self.perUnit = perUnit
    self.rate = rate
  }

  public static let free = CommissionModel()

  /// The fee for filling `quantity` (unsigned) at `price`, exact to 10⁻⁸.
  @inlinable public func commission(quantity: Quantity, price: Price) -> Money {
    let units = quantity.magnitude
    var fee = perOrder
    if !perUnit.isZero { fee += perUnit * units }
    if !rate.isZero { fee += units * price * rate }
    return fee
  }

  /// The fee per unit for an order of `fraction` units at `price`, computed in floating point
  /// exactly as backtesting.py does when it sizes a fractional order
  /// (`(fixed + |size| × price × relative) / |size|`), so that whole-unit sizes match it.
  @inlinable public func feePerUnitForSizing(fraction: Double, price: Double) -> Double {
    let size = Swift.abs(fraction)
    return (perOrder.doubleValue + size * perUnit.doubleValue + size * price * rate.doubleValue) / size
  }
}
