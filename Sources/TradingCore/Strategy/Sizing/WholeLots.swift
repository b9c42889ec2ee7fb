/// Exact floor divisions that turn money and quantities into whole lots, so that an order never
/// buys more than its budget allowed, not even by the last 10⁻⁸ that half-even rounding of
/// `Fixed / Fixed` could add.
extension Fixed {
  /// The largest quantity q, a multiple of 10⁻⁸, with q × `price` ≤ `money` (zero for money ≤ 0).
  static func units(affordableWith money: Money, at price: Price) -> Quantity {
    precondition(price.isPositive, "a price is positive")
    guard money.isPositive else { return .zero }
    let units = Int128(money.raw) * Int128(Fixed.scale) / Int128(price.raw)
    return Fixed(raw: Int64(clamping: units))
  }

  /// This (non-negative) quantity rounded down to a whole number of `lot`s.
  func flooredToLots(of lot: Quantity) -> Quantity {
    precondition(lot.isPositive, "a lot size is positive")
    guard isPositive else { return .zero }
    return Fixed(raw: raw / lot.raw * lot.raw)
  }
}
