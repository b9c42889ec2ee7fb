/// Why a tick was rejected at the boundary, with what the sender needs to fix it.
public enum TickValidationError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Bid or ask is zero or negative (`Fixed` cannot hold NaN, so parsing already caught that).
  case nonPositivePrice(symbol: String, bid: Price, ask: Price)
  /// The ask is below the bid: a crossed quote.
  case askBelowBid(symbol: String, bid: Price, ask: Price)
  case negativeVolume(symbol: String, volume: Quantity)
  /// The symbol is empty, longer than `TickValidator.maximumSymbolLength`, or has a
  /// character outside A–Z, 0–9 and `. - / _ :`.
  case malformedSymbol(String)
  /// The tick is older than the newest accepted tick of its symbol by more than the tolerance.
  case outOfOrder(symbol: String, timestamp: Timestamp, latest: Timestamp, toleranceNanoseconds: Int64)

  /// A short, stable name for metrics labels (`ticks_rejected_total{reason="…"}`).
  public var reason: String {
    switch self {
    case .nonPositivePrice: "non_positive_price"
    case .askBelowBid: "ask_below_bid"
    case .negativeVolume: "negative_volume"
    case .malformedSymbol: "malformed_symbol"
    case .outOfOrder: "out_of_order"
    }
  }

  public var description: String {
    switch self {
    case .nonPositivePrice(let symbol, let bid, let ask):
      "\(symbol): prices must be positive, got bid \(bid) ask \(ask)"
    case .askBelowBid(let symbol, let bid, let ask):
      "\(symbol): ask \(ask) is below bid \(bid)"
    case .negativeVolume(let symbol, let volume):
      "\(symbol): volume must not be negative, got \(volume)"
    case .malformedSymbol(let symbol):
      "symbol \"\(symbol)\" must be 1–\(TickValidator.maximumSymbolLength) characters of A–Z, 0–9, '.', '-', '/', '_', ':'"
    case .outOfOrder(let symbol, let timestamp, let latest, let tolerance):
      "\(symbol): tick at \(timestamp.iso8601) is more than \(tolerance) ns older than the latest, \(latest.iso8601)"
    }
  }
}

/// Checks ticks where they enter the system and remembers what it needs to judge the next.
///
/// Keeps the newest accepted timestamp per symbol, so that a tick arriving late by more than
/// `outOfOrderToleranceNanoseconds` is rejected (a small tolerance lets feeds that interleave
/// sources pass), and counts rejections by `reason` for the metrics. A rejected tick changes
/// nothing but the counters; the pipeline goes on with the next (DESIGN.md §7).
public struct TickValidator: Sendable {
  /// The longest symbol accepted.
  public static let maximumSymbolLength = 20

  /// How much older than its symbol's newest accepted tick a tick may be.
  public var outOfOrderToleranceNanoseconds: Int64
  /// Newest accepted timestamp per symbol.
  public private(set) var latestTimestamps: [String: Timestamp]
  /// Rejected ticks by `TickValidationError.reason`.
  public private(set) var rejections: [String: Int]
  /// Ticks that passed.
  public private(set) var acceptedCount: Int

  /// A validator that accepts ticks up to `outOfOrderToleranceNanoseconds` older than the newest.
  public init(outOfOrderToleranceNanoseconds: Int64 = 0) {
    precondition(outOfOrderToleranceNanoseconds >= 0, "TickValidator: tolerance must not be negative")
    self.outOfOrderToleranceNanoseconds = outOfOrderToleranceNanoseconds
    latestTimestamps = [:]
    rejections = [:]
    acceptedCount = 0
  }

  /// Ticks rejected for any reason.
  public var rejectedCount: Int { rejections.values.reduce(0, +) }

  /// Accepts `tick` or throws why not, counting either way.
  public mutating func validate(_ tick: Tick) throws(TickValidationError) {
    do throws(TickValidationError) {
      try TickValidator.checkContents(tick)
      if let latest = latestTimestamps[tick.symbol],
        latest.nanosecondsSinceEpoch - tick.timestamp.nanosecondsSinceEpoch > outOfOrderToleranceNanoseconds
      {
        throw TickValidationError.outOfOrder(
          symbol: tick.symbol, timestamp: tick.timestamp, latest: latest,
          toleranceNanoseconds: outOfOrderToleranceNanoseconds)
      }
    } catch {
      rejections[error.reason, default: 0] += 1
      throw error
    }
    acceptedCount += 1
    latestTimestamps[tick.symbol] = max(tick.timestamp, latestTimestamps[tick.symbol] ?? tick.timestamp)
  }

  /// The checks that need no history: symbol, prices, volume.
  public static func checkContents(_ tick: Tick) throws(TickValidationError) {
    guard isWellFormed(symbol: tick.symbol) else { throw .malformedSymbol(tick.symbol) }
    guard tick.bid.isPositive, tick.ask.isPositive else {
      throw .nonPositivePrice(symbol: tick.symbol, bid: tick.bid, ask: tick.ask)
    }
    guard tick.ask >= tick.bid else { throw .askBelowBid(symbol: tick.symbol, bid: tick.bid, ask: tick.ask) }
    guard !tick.volume.isNegative else { throw .negativeVolume(symbol: tick.symbol, volume: tick.volume) }
  }

  /// Whether `symbol` is 1–20 characters of A–Z, 0–9, `.`, `-`, `/`, `_`, `:` — enough for
  /// `BRK.B`, `EUR/USD`, `BTC-USD`, `ES_F`, `NASDAQ:AAPL`, and safe in stream names and labels.
  public static func isWellFormed(symbol: String) -> Bool {
    let bytes = symbol.utf8
    guard (1...maximumSymbolLength).contains(bytes.count) else { return false }
    return bytes.allSatisfy { byte in
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
      case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "_"), UInt8(ascii: ":"): true
      default: false
      }
    }
  }
}
