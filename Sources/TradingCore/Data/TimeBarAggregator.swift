/// Builds time bars of a fixed length from a stream of prices, as NautilusTrader's
/// `…-1-MINUTE-BID-INTERNAL` bars are built from quote ticks' bids.
///
/// A bar covers [start, start + interval) and is stamped with its start; it is complete when
/// the first update at or past its end arrives (or on `flush()` at the end of the data).
public struct TimeBarAggregator: Sendable {
  public let intervalNanoseconds: Int64
  var current: Bar?
  var currentEnd: Int64 = .min

  public init(intervalSeconds: Int) {
    precondition(intervalSeconds > 0, "bar interval must be positive")
    intervalNanoseconds = Int64(intervalSeconds) * Timestamp.nanosecondsPerSecond
  }

  /// Adds one price; returns the bar it completed, if any.
  public mutating func update(price: Price, volume: Quantity, at time: Timestamp) -> Bar? {
    let nanoseconds = time.nanosecondsSinceEpoch
    if nanoseconds < currentEnd, var bar = current {
      if price > bar.high { bar.high = price }
      if price < bar.low { bar.low = price }
      bar.close = price
      bar.volume += volume
      current = bar
      return nil
    }
    return startBar(price: price, volume: volume, at: nanoseconds)
  }

  mutating func startBar(price: Price, volume: Quantity, at nanoseconds: Int64) -> Bar? {
    let completed = current
    var start = nanoseconds - nanoseconds % intervalNanoseconds
    if nanoseconds % intervalNanoseconds < 0 { start -= intervalNanoseconds }
    current = Bar(
      timestamp: Timestamp(nanosecondsSinceEpoch: start), open: price, high: price, low: price, close: price,
      volume: volume)
    currentEnd = start + intervalNanoseconds
    return completed
  }

  /// Returns the bar in progress, if any, and starts afresh.
  public mutating func flush() -> Bar? {
    defer {
      current = nil
      currentEnd = .min
    }
    return current
  }
}
