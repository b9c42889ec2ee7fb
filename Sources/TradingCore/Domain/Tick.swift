/// One market update for a symbol: a quote (bid and ask) or a trade (bid = ask = last price).
public struct Tick: Sendable, Hashable, Codable {
  public var symbol: String
  public var timestamp: Timestamp
  public var bid: Price
  public var ask: Price
  /// Traded or quoted size; zero when the feed gives none.
  public var volume: Quantity

  @inlinable public init(symbol: String, timestamp: Timestamp, bid: Price, ask: Price, volume: Quantity = .zero) {
    self.symbol = symbol
    self.timestamp = timestamp
    self.bid = bid
    self.ask = ask
    self.volume = volume
  }

  /// A last-trade tick: bid and ask both equal the traded price.
  @inlinable public static func trade(symbol: String, timestamp: Timestamp, price: Price, volume: Quantity) -> Tick {
    Tick(symbol: symbol, timestamp: timestamp, bid: price, ask: price, volume: volume)
  }

  /// The mid price, (bid + ask) / 2, as a `Double` for indicators.
  @inlinable public var midPrice: Double { (bid.doubleValue + ask.doubleValue) * 0.5 }

  /// The price a market order of `side` would pay: the ask to buy, the bid to sell.
  @inlinable public func price(toTake side: Side) -> Price { side == .buy ? ask : bid }
}
