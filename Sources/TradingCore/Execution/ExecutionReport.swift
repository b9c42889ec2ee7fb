/// What happened to an order at the simulated venue.
public enum ExecutionReport: Sendable, Hashable {
  /// The order traded: all of it, or — when the part that would open a position cannot be paid
  /// for — the part that closes one (`status == .partiallyFilled`), then a `.rejected` for the rest.
  case filled(Order, Fill)
  /// The venue refused the order, or the part of it that could not be paid for.
  case rejected(Order, reason: String)

  public var order: Order {
    switch self {
    case .filled(let order, _), .rejected(let order, _): return order
    }
  }
}

/// The prices an order can meet on one market update for its symbol.
public struct MarketSnapshot: Sendable, Hashable {
  /// The price a sell takes.
  public var bid: Price
  /// The price a buy takes.
  public var ask: Price
  /// The lowest price a buy could have met and the highest a sell could have met since the last
  /// snapshot, which limit orders test: a bar's low and high; a quote's ask and bid.
  public var low: Price
  public var high: Price
  /// The price positions are valued at for margin (bar close, or the quote's mid).
  public var mark: Price
  public var timestamp: Timestamp

  public init(bid: Price, ask: Price, low: Price, high: Price, mark: Price, timestamp: Timestamp) {
    self.bid = bid
    self.ask = ask
    self.low = low
    self.high = high
    self.mark = mark
    self.timestamp = timestamp
  }

  /// A bar met at one price (its open or its close), valued at its close.
  ///
  /// Valuing margin at the close of the bar whose open fills the order follows backtesting.py,
  /// whose `margin_available` reads `Close[-1]` while orders fill at `Open[-1]`.
  public init(bar: Bar, fillingAt price: Price) {
    self.init(bid: price, ask: price, low: bar.low, high: bar.high, mark: bar.close, timestamp: bar.timestamp)
  }

  /// A quote tick: buys at the ask, sells at the bid, valued at the bid for longs' margin.
  ///
  /// A buy limit is reached only when the ask comes down to it and a sell limit when the bid
  /// comes up to it: a limit inside the spread does not trade on a quote.
  public init(tick: Tick) {
    self.init(bid: tick.bid, ask: tick.ask, low: tick.ask, high: tick.bid, mark: tick.bid, timestamp: tick.timestamp)
  }
}
