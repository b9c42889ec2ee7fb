/// Open, high, low, close and volume over one interval, stamped with the interval's start.
public struct Bar: Sendable, Hashable, Codable {
  public var timestamp: Timestamp
  public var open: Price
  public var high: Price
  public var low: Price
  public var close: Price
  public var volume: Quantity

  @inlinable public init(timestamp: Timestamp, open: Price, high: Price, low: Price, close: Price, volume: Quantity) {
    self.timestamp = timestamp
    self.open = open
    self.high = high
    self.low = low
    self.close = close
    self.volume = volume
  }
}
