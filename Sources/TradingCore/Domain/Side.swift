/// The direction of an order or a fill.
public enum Side: String, Sendable, Hashable, Codable, CaseIterable {
  case buy = "BUY"
  case sell = "SELL"

  /// +1 for a buy, −1 for a sell: the sign a fill's quantity adds to a position.
  @inlinable public var sign: Int { self == .buy ? 1 : -1 }

  @inlinable public var opposite: Side { self == .buy ? .sell : .buy }
}
