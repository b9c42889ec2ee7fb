import RealModule

/// A 128-bit identifier that sorts by creation time: a ULID (48-bit milliseconds since the
/// epoch, then 80 random bits), written as 26 characters of Crockford base32.
///
/// Sorting ids sorts by time, which is what keeps API cursors stable while new items arrive.
/// The core reads no clock and owns no randomness: callers pass both in, so a seeded backtest
/// produces the same ids every run.
public struct TimeSortableID: Sendable, Hashable, Comparable, CodableAsDescription {
  /// Bits 127…64: 48 bits of milliseconds, then 16 random bits.
  public var high: UInt64
  /// Bits 63…0: random.
  public var low: UInt64

  public init(high: UInt64, low: UInt64) {
    self.high = high
    self.low = low
  }

  /// A new id for `timestamp`, its random part drawn from `generator`.
  public init(timestamp: Timestamp, using generator: inout some RandomNumberGenerator) {
    let milliseconds = UInt64(max(0, timestamp.millisecondsSinceEpoch)) & 0xFFFF_FFFF_FFFF
    high = milliseconds << 16 | (generator.next() & 0xFFFF)
    low = generator.next()
  }

  /// Milliseconds since the epoch at which the id was made.
  public var milliseconds: Int64 { Int64(high >> 16) }

  public static func < (lhs: TimeSortableID, rhs: TimeSortableID) -> Bool {
    (lhs.high, lhs.low) < (rhs.high, rhs.low)
  }

  static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

  var value: UInt128 { UInt128(high) << 64 | UInt128(low) }

  public var description: String {
    var characters = [UInt8](repeating: 0, count: 26)
    var rest = value
    for index in stride(from: 25, through: 0, by: -1) {
      characters[index] = TimeSortableID.alphabet[Int(rest & 0x1F)]
      rest >>= 5
    }
    return String(decoding: characters, as: UTF8.self)
  }

  /// Parses the 26-character form (case-insensitive; I and L read as 1, O as 0).
  public init?(_ text: String) {
    let bytes = Array(text.utf8)
    guard bytes.count == 26 else { return nil }
    var value: UInt128 = 0
    for (index, byte) in bytes.enumerated() {
      guard let digit = TimeSortableID.decode(byte) else { return nil }
      if index == 0 && digit > 7 { return nil }
      value = value << 5 | UInt128(digit)
    }
    self.init(high: UInt64(value >> 64), low: UInt64(truncatingIfNeeded: value))
  }

  static func decode(_ byte: UInt8) -> UInt8? {
    var upper = byte
    if upper >= UInt8(ascii: "a") && upper <= UInt8(ascii: "z") { upper -= 32 }
    switch upper {
    case UInt8(ascii: "I"), UInt8(ascii: "L"): return 1
    case UInt8(ascii: "O"): return 0
    default:
      guard let index = alphabet.firstIndex(of: upper) else { return nil }
      return UInt8(index)
    }
  }
}

/// A small, fast, seedable random-number generator (SplitMix64, Steele et al. 2014), so that
/// backtests and synthetic feeds are reproducible bit for bit.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  public var state: UInt64

  public init(seed: UInt64) { state = seed }

  @inlinable public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform double in [0, 1).
  @inlinable public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

  /// A standard normal variate (Box–Muller).
  @inlinable public mutating func nextGaussian() -> Double {
    let u1 = max(nextUnit(), .leastNonzeroMagnitude)
    let u2 = nextUnit()
    return (-2 * Double.log(u1)).squareRoot() * Double.cos(2 * .pi * u2)
  }
}
