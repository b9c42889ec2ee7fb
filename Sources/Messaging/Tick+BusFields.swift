import TradingCore

/// A `Tick` as the fields of a `ticks` entry, all strings: `symbol`, `timestamp` (integer
/// nanoseconds since the epoch), and `bid`, `ask`, `volume` as exact decimals, so that a price
/// crosses the bus without rounding.
extension Tick {
  /// The fields of the tick's `ticks` entry.
  public var busFields: [String: String] {
    [
      "symbol": symbol, "timestamp": String(timestamp.nanosecondsSinceEpoch), "bid": bid.description,
      "ask": ask.description, "volume": volume.description,
    ]
  }

  /// Decodes the fields of a `ticks` entry; throws for a missing or empty field, a timestamp that
  /// is not an integer, or a price or volume that is not an exact decimal. Whether the quote makes
  /// sense (bid below ask, positive prices) is the `TickValidator`'s question, not this one's.
  public init(busFields fields: [String: String]) throws(BusFieldError) {
    func decimal(_ name: String) throws(BusFieldError) -> Fixed {
      let text = try fields.requiredField(name)
      guard let value = Fixed(text) else { throw .invalidField(name: name, value: text, reason: "not a decimal") }
      return value
    }
    let timestampText = try fields.requiredField("timestamp")
    guard let nanoseconds = Int64(timestampText) else {
      throw .invalidField(name: "timestamp", value: timestampText, reason: "not integer nanoseconds since the epoch")
    }
    self.init(
      symbol: try fields.requiredField("symbol"), timestamp: Timestamp(nanosecondsSinceEpoch: nanoseconds),
      bid: try decimal("bid"), ask: try decimal("ask"), volume: try decimal("volume"))
  }
}
