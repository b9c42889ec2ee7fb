/// Sizes a position so that one volatility move risks a fixed share of the account: the
/// original backend guide's `RiskCalculator.calculate_size`, kept exactly.
///
///     risk budget = account value × riskPerTrade                       (guide: risk_limit = 0.02)
///     raw size    = risk budget ÷ (volatility × |score|)               (money)
///     size        = min(raw size, maxPositionFraction × account value)  (guide: cap at 10 %)
///     quantity    = ⌊size ÷ (price × lotSize)⌋ × lotSize                (whole lots, exact)
///
/// Dividing by |score| follows the guide: a weaker signal gets a *larger* raw size, which reads
/// backwards but is what the guide specifies; the cap bounds it, and in practice most sizes hit
/// the cap (100,000 × 0.02 ÷ (0.02 × 0.5) = 200,000 ≫ 10,000). The score threshold in portfolio
/// construction keeps very weak signals out before they get here. Zero or unknown volatility
/// makes no order: without it the risk of the position cannot be measured.
public struct VolatilitySizer: Sendable, Hashable {
  /// The share of account value one volatility move of the position may cost (default 2 %).
  public var riskPerTrade: Double
  /// The largest position, as a share of account value (default 10 %).
  public var maxPositionFraction: Double
  /// The trading unit; quantities are whole multiples of it (default 1 unit).
  public var lotSize: Quantity

  public init(riskPerTrade: Double = 0.02, maxPositionFraction: Double = 0.10, lotSize: Quantity = 1) {
    precondition(riskPerTrade.isFinite && riskPerTrade > 0, "riskPerTrade is positive")
    precondition(maxPositionFraction.isFinite && maxPositionFraction > 0, "maxPositionFraction is positive")
    precondition(lotSize.isPositive, "lotSize is positive")
    self.riskPerTrade = riskPerTrade
    self.maxPositionFraction = maxPositionFraction
    self.lotSize = lotSize
  }

  /// The position size for a view of strength `score` on an instrument with `volatility`,
  /// priced at `price`, in an account worth `accountValue`. Unknown figures are nil.
  public func size(
    accountValue: Money, volatility: Double?, score: Double, price: Price?
  ) throws(SizingError) -> PositionSize {
    guard let price, price.isPositive else { throw .noPrice }
    guard let volatility, volatility.isFinite, volatility > 0 else { throw .noVolatility }
    guard accountValue.isPositive else { throw .noAccountValue }
    let riskBudget = accountValue * Fixed(riskPerTrade)
    let cap = accountValue * Fixed(maxPositionFraction)
    let rawSize = riskBudget.isZero ? 0 : riskBudget.doubleValue / (volatility * score.magnitude)
    // An infinite or huge raw size (score 0, tiny volatility) is simply capped.
    let size = rawSize < cap.doubleValue ? min(cap, Fixed(rawSize)) : cap
    let quantity = Fixed.units(affordableWith: size, at: price).flooredToLots(of: lotSize)
    guard quantity.isPositive else { throw .belowOneLot }
    return PositionSize(
      volatility: volatility, riskBudget: riskBudget, rawSize: rawSize, size: size, price: price, quantity: quantity)
  }
}

/// The figures of one sizing, kept for the decision's meta.
public struct PositionSize: Sendable, Hashable {
  /// The volatility the size was computed with.
  public var volatility: Double
  /// account value × riskPerTrade.
  public var riskBudget: Money
  /// risk budget ÷ (volatility × |score|), before the cap; may be infinite.
  public var rawSize: Double
  /// The raw size capped at maxPositionFraction × account value.
  public var size: Money
  /// The price the quantity was bought with.
  public var price: Price
  /// Whole lots affordable with `size` at the price; always positive.
  public var quantity: Quantity
}

/// Why no position size could be given.
public enum SizingError: Error, Sendable, Hashable {
  /// The volatility is unknown, zero, negative or not finite.
  case noVolatility
  /// The account is worth nothing (or less).
  case noAccountValue
  /// The price is unknown, zero or negative.
  case noPrice
  /// The capped size buys less than one lot at this price.
  case belowOneLot
}
