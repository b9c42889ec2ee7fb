/// Reads decimal numbers in ASCII straight into `Fixed`, without building a `String` or a `Double`.
///
/// A plain decimal with at most eight fractional digits (`169.02`, `-0.5`) is read exactly, as
/// `Fixed(_: String)` reads it. Longer fractions and exponents (`1.123456789`, `1e-05`, `2.5E+3`),
/// which `Fixed(_: String)` refuses, are rounded half-to-even to eight digits from their
/// decimal digits, so `0.000000015` becomes `0.00000002` and never passes through binary floating point.
enum DecimalText {
  /// Why a field is not a number.
  enum Failure: Error, Equatable {
    /// Empty, `NaN`, `nan` or `null`: what pandas would read as a missing value.
    case missing
    /// Any other text that is not a decimal number.
    case malformed
    /// A number beyond the ±92 billion that `Fixed` holds.
    case outOfRange
  }

  /// Significant digits kept exactly; 19 fit in a `UInt64`. Digits beyond only steer rounding.
  private static let keptDigits = 19

  /// Parses `bytes[range]` (already trimmed of spaces).
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws(Failure) -> Fixed {
    if let value = plainDecimal(bytes, range) { return value }
    return try anyDecimal(bytes, range)
  }

  /// The common case, read in one pass: an optional `-`, at most ten whole digits, and at most
  /// eight fractional ones. Returns `nil` for anything else, which `anyDecimal` then reads or rejects.
  @inline(__always)
  private static func plainDecimal(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Fixed? {
    var index = range.lowerBound
    let end = range.upperBound
    let negative = index < end && bytes[index] == UInt8(ascii: "-")
    if negative { index += 1 }
    let wholeStart = index
    var whole: Int64 = 0
    while index < end, let digit = digitValue(bytes[index]) {
      whole = whole &* 10 &+ Int64(digit)
      index += 1
    }
    let wholeDigits = index - wholeStart
    var fraction: Int64 = 0
    var fractionDigits = 0
    if index < end, bytes[index] == UInt8(ascii: ".") {
      index += 1
      while index < end, let digit = digitValue(bytes[index]) {
        fraction = fraction &* 10 &+ Int64(digit)
        fractionDigits += 1
        index += 1
      }
    }
    guard index == end, wholeDigits + fractionDigits > 0, wholeDigits <= 10, fractionDigits <= 8 else { return nil }
    let raw = whole * Fixed.scale + fraction * powersOfTen[Fixed.fractionDigits - fractionDigits]
    return Fixed(raw: negative ? -raw : raw)
  }

  private static let powersOfTen: [Int64] = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000]

  /// Any decimal, with a sign, an exponent or more digits than `plainDecimal` takes; the first
  /// nineteen significant digits are kept and the rest decide the rounding.
  private static func anyDecimal(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws(Failure) -> Fixed {
    var index = range.lowerBound
    let end = range.upperBound
    guard index < end else { throw .missing }
    var negative = false
    if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
      negative = bytes[index] == UInt8(ascii: "-")
      index += 1
    }
    var significand: UInt64 = 0
    var significantDigits = 0
    var decimalExponent = 0
    var dropped = DroppedDigits()
    var digitCount = 0
    var seenPoint = false
    while index < end {
      let byte = bytes[index]
      if byte == UInt8(ascii: ".") {
        guard !seenPoint else { throw .malformed }
        seenPoint = true
      } else if let digit = digitValue(byte) {
        digitCount += 1
        if significantDigits < keptDigits {
          if significand != 0 || digit != 0 { significantDigits += 1 }
          significand = significand * 10 + UInt64(digit)
          if seenPoint { decimalExponent -= 1 }
        } else {
          dropped.append(digit)
          if !seenPoint { decimalExponent += 1 }
        }
      } else {
        break
      }
      index += 1
    }
    guard digitCount > 0 else {
      throw isMissingMarker(bytes, range) ? .missing : .malformed
    }
    if index < end {
      guard bytes[index] | 0x20 == UInt8(ascii: "e") else { throw .malformed }
      decimalExponent += try exponent(bytes, index + 1..<end)
    }
    let magnitude = try scaled(significand, by: decimalExponent + Fixed.fractionDigits, dropped: dropped)
    return Fixed(raw: negative ? -magnitude : magnitude)
  }

  /// The significant digits read past the nineteenth, which only decide the rounding.
  private struct DroppedDigits {
    /// The first digit past the kept ones, if any.
    var first: Int?
    /// Whether any digit after `first` is non-zero.
    var restNonZero = false

    mutating func append(_ digit: Int) {
      if first == nil { first = digit } else { restNonZero = restNonZero || digit != 0 }
    }

    var anyNonZero: Bool { (first ?? 0) != 0 || restNonZero }
  }

  /// `(significand + dropped digits) × 10^power`, rounded half-to-even, as a non-negative raw `Fixed` value.
  private static func scaled(_ significand: UInt64, by power: Int, dropped: DroppedDigits) throws(Failure) -> Int64 {
    if power >= 0 {
      var value = significand
      for _ in 0..<power {
        let (product, overflow) = value.multipliedReportingOverflow(by: 10)
        guard !overflow else { throw .outOfRange }
        value = product
      }
      // Dropped digits at power 0 are the ninth fractional digit and beyond; at higher powers the
      // value is already out of range.
      if power == 0, let first = dropped.first, first > 5 || (first == 5 && (dropped.restNonZero || value & 1 == 1)) {
        value += 1
      }
      guard let raw = Int64(exactly: value) else { throw .outOfRange }
      return raw
    }
    // A divisor of 10^20 or more exceeds twice any 19-digit significand: the value rounds to zero.
    guard power > -20 else { return 0 }
    var divisor: UInt64 = 1
    for _ in 0 ..< -power { divisor *= 10 }
    var quotient = significand / divisor
    let remainder = significand % divisor
    let rest = divisor - remainder
    if remainder > rest || (remainder == rest && (dropped.anyNonZero || quotient & 1 == 1)) {
      quotient += 1
    }
    guard let raw = Int64(exactly: quotient) else { throw .outOfRange }
    return raw
  }

  /// The signed exponent after `e`; at most four digits, which already spans any `Fixed`.
  private static func exponent(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws(Failure) -> Int {
    var index = range.lowerBound
    var negative = false
    if index < range.upperBound, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
      negative = bytes[index] == UInt8(ascii: "-")
      index += 1
    }
    guard index < range.upperBound, range.upperBound - index <= 4 else { throw .malformed }
    var value = 0
    while index < range.upperBound {
      guard let digit = digitValue(bytes[index]) else { throw .malformed }
      value = value * 10 + digit
      index += 1
    }
    return negative ? -value : value
  }

  @inline(__always)
  private static func digitValue(_ byte: UInt8) -> Int? {
    byte &- UInt8(ascii: "0") < 10 ? Int(byte &- UInt8(ascii: "0")) : nil
  }

  /// `NaN`, `nan`, `null` (any case): the markers pandas reads as missing.
  private static func isMissingMarker(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
    let lowered = range.map { bytes[$0] | 0x20 }
    return lowered.elementsEqual("nan".utf8) || lowered.elementsEqual("null".utf8)
  }
}
