/// An exact decimal number with eight fractional digits, stored as a scaled `Int64`.
///
/// Every price, quantity and amount of money that reaches an order, a fill, a position or
/// P&L is a `Fixed`, so sums and differences are exact and results are reproducible to the
/// last digit. Eight digits cover FX pips (five), crypto lot steps and cents alike; the range
/// is ±92,233,720,368 (about 92 billion), enough for one account's cash and notional.
///
/// Products and quotients are rounded half-to-even to eight digits — the rounding that
/// accumulates no bias over many trades. Overflow traps, as Swift integer arithmetic does:
/// a wrong amount of money must never be produced silently.
public struct Fixed: Sendable, Hashable, Comparable {
  /// Units of 10⁻⁸ in one whole unit.
  public static let scale: Int64 = 100_000_000
  /// Number of fractional digits.
  public static let fractionDigits = 8

  /// The value in units of 10⁻⁸.
  public var raw: Int64

  /// The value whose scaled representation is `raw` (units of 10⁻⁸).
  @inlinable public init(raw: Int64) { self.raw = raw }

  /// The exact value of a whole number.
  @inlinable public init(_ whole: Int) { self.raw = Int64(whole) * Fixed.scale }

  /// The nearest representable value to `value` (half-to-even at the eighth digit).
  ///
  /// Returns `nil` for NaN, infinities and values out of range.
  @inlinable public init?(exactly value: Double) {
    guard value.isFinite else { return nil }
    let scaled = (value * Double(Fixed.scale)).rounded(.toNearestOrEven)
    guard abs(scaled) < 9.2e18 else { return nil }
    self.raw = Int64(scaled)
  }

  /// The nearest representable value to `value`; traps on NaN, infinities or overflow.
  @inlinable public init(_ value: Double) {
    guard let fixed = Fixed(exactly: value) else {
      preconditionFailure("Fixed(\(value)): not a finite value in range")
    }
    self = fixed
  }

  public static let zero = Fixed(raw: 0)
  public static let one = Fixed(raw: scale)

  /// The value as a `Double`, for indicators and statistics (never for bookkeeping).
  @inlinable public var doubleValue: Double { Double(raw) / Double(Fixed.scale) }

  @inlinable public var isZero: Bool { raw == 0 }
  @inlinable public var isNegative: Bool { raw < 0 }
  @inlinable public var isPositive: Bool { raw > 0 }
  /// −1, 0 or +1.
  @inlinable public var signum: Int { raw == 0 ? 0 : (raw < 0 ? -1 : 1) }
  @inlinable public var magnitude: Fixed { Fixed(raw: raw < 0 ? -raw : raw) }

  /// The largest whole number not greater than this value.
  @inlinable public var floor: Fixed {
    let remainder = raw % Fixed.scale
    return Fixed(raw: raw - remainder - (remainder < 0 ? Fixed.scale : 0))
  }

  /// The value rounded half-to-even to `places` fractional digits (0…8).
  public func rounded(places: Int) -> Fixed {
    precondition((0...Fixed.fractionDigits).contains(places), "places must be 0…8")
    var step: Int64 = 1
    for _ in 0..<(Fixed.fractionDigits - places) { step *= 10 }
    return Fixed(raw: Fixed.divideRounded(Int128(raw), by: Int128(step)) * step)
  }

  @inlinable public static func < (lhs: Fixed, rhs: Fixed) -> Bool { lhs.raw < rhs.raw }
  @inlinable public static func + (lhs: Fixed, rhs: Fixed) -> Fixed { Fixed(raw: lhs.raw + rhs.raw) }
  @inlinable public static func - (lhs: Fixed, rhs: Fixed) -> Fixed { Fixed(raw: lhs.raw - rhs.raw) }
  @inlinable public static prefix func - (value: Fixed) -> Fixed { Fixed(raw: -value.raw) }
  @inlinable public static func += (lhs: inout Fixed, rhs: Fixed) { lhs.raw += rhs.raw }
  @inlinable public static func -= (lhs: inout Fixed, rhs: Fixed) { lhs.raw -= rhs.raw }

  /// The exact product rounded half-to-even to eight digits.
  ///
  /// Computed in 64-bit pieces — whole and fractional parts of each factor — so no 128-bit
  /// division is needed: (a₁s + a₀)(b₁s + b₀)/s = a₁b₁s + a₁b₀ + a₀b₁ + a₀b₀/s with s = 10⁸.
  /// Only the last term has a fraction, so rounding it rounds the whole product. Every term
  /// has the product's sign and is no larger than it, so a trap means the product is out of range.
  @inlinable public static func * (lhs: Fixed, rhs: Fixed) -> Fixed {
    let (lhsWhole, lhsFraction) = lhs.raw.quotientAndRemainder(dividingBy: scale)
    let (rhsWhole, rhsFraction) = rhs.raw.quotientAndRemainder(dividingBy: scale)
    return Fixed(
      raw: lhsWhole * rhsWhole * scale + lhsWhole * rhsFraction + lhsFraction * rhsWhole
        + divideRounded(lhsFraction * rhsFraction, by: scale))
  }

  /// The product with a whole number: exact.
  @inlinable public static func * (lhs: Fixed, rhs: Int) -> Fixed { Fixed(raw: lhs.raw * Int64(rhs)) }

  /// The quotient rounded half-to-even to eight digits; traps on division by zero.
  @inlinable public static func / (lhs: Fixed, rhs: Fixed) -> Fixed {
    precondition(rhs.raw != 0, "Fixed: division by zero")
    return Fixed(raw: divideRounded(Int128(lhs.raw) * Int128(scale), by: Int128(rhs.raw)))
  }

  /// `numerator / denominator` rounded half-to-even.
  @inlinable static func divideRounded(_ numerator: Int64, by denominator: Int64) -> Int64 {
    let quotient = numerator / denominator
    let remainder = numerator % denominator
    if remainder == 0 { return quotient }
    let twice = remainder.magnitude * 2
    let sameSign = (remainder < 0) == (denominator < 0)
    if twice > denominator.magnitude || (twice == denominator.magnitude && quotient & 1 != 0) {
      return sameSign ? quotient + 1 : quotient - 1
    }
    return quotient
  }

  @inlinable static func divideRounded(_ numerator: Int128, by denominator: Int128) -> Int64 {
    let quotient = numerator / denominator
    let remainder = numerator % denominator
    var result = quotient
    if remainder != 0 {
      let twice = remainder.magnitude * 2
      let sameSign = (remainder < 0) == (denominator < 0)
      if twice > denominator.magnitude || (twice == denominator.magnitude && quotient & 1 != 0) {
        result = sameSign ? quotient + 1 : quotient - 1
      }
    }
    guard let narrowed = Int64(exactly: result) else {
      preconditionFailure("Fixed: result out of range")
    }
    return narrowed
  }
}

extension Fixed: ExpressibleByIntegerLiteral {
  @inlinable public init(integerLiteral value: Int) { self.init(value) }
}

extension Fixed: LosslessStringConvertible, CustomStringConvertible {
  /// Parses a plain decimal such as `"169.02"`, `"-0.5"` or `"1e-3"`-free `"100"` exactly.
  ///
  /// Accepts an optional sign, digits, and at most eight fractional digits (extra trailing
  /// zeros are allowed). Rejects exponents, NaN and anything that would lose precision.
  public init?(_ description: String) {
    var utf8 = Substring(description).utf8[...]
    var negative = false
    if let first = utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
      negative = first == UInt8(ascii: "-")
      utf8 = utf8.dropFirst()
    }
    guard !utf8.isEmpty else { return nil }
    var whole: Int64 = 0
    var fraction: Int64 = 0
    var fractionDigits = 0
    var seenPoint = false
    var digits = 0
    for byte in utf8 {
      if byte == UInt8(ascii: ".") {
        guard !seenPoint else { return nil }
        seenPoint = true
        continue
      }
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      let digit = Int64(byte - UInt8(ascii: "0"))
      digits += 1
      if seenPoint {
        if fractionDigits == Fixed.fractionDigits {
          guard digit == 0 else { return nil }
          continue
        }
        fraction = fraction * 10 + digit
        fractionDigits += 1
      } else {
        let (shifted, o1) = whole.multipliedReportingOverflow(by: 10)
        let (added, o2) = shifted.addingReportingOverflow(digit)
        guard !o1, !o2, added <= Int64.max / Fixed.scale else { return nil }
        whole = added
      }
    }
    guard digits > 0 else { return nil }
    for _ in fractionDigits..<Fixed.fractionDigits { fraction *= 10 }
    let raw = whole * Fixed.scale + fraction
    self.raw = negative ? -raw : raw
  }

  /// The shortest exact decimal: `"169.02"`, `"-5"`, `"0.00002"`.
  public var description: String {
    let magnitude = raw.magnitude
    let whole = magnitude / UInt64(Fixed.scale)
    var fraction = magnitude % UInt64(Fixed.scale)
    let sign = raw < 0 ? "-" : ""
    guard fraction != 0 else { return "\(sign)\(whole)" }
    var width = Fixed.fractionDigits
    while fraction % 10 == 0 {
      fraction /= 10
      width -= 1
    }
    let digits = String(fraction)
    return "\(sign)\(whole).\(String(repeating: "0", count: width - digits.count))\(digits)"
  }
}

extension Fixed: Codable {
  /// Encodes as a JSON string so that no decimal digit is lost to floating point.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }

  /// Decodes from a decimal string, or from a JSON number as a convenience.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let text = try? container.decode(String.self) {
      guard let value = Fixed(text) else {
        throw DecodingError.dataCorruptedError(
          in: container, debugDescription: "not a decimal with at most 8 fractional digits: \(text)")
      }
      self = value
    } else {
      let number = try container.decode(Double.self)
      guard let value = Fixed(exactly: number) else {
        throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a finite number in range")
      }
      self = value
    }
  }
}

/// A price per unit of an instrument.
public typealias Price = Fixed
/// A number of units (shares, contracts, base currency); signed where a position's direction matters.
public typealias Quantity = Fixed
/// An amount of account currency.
public typealias Money = Fixed
