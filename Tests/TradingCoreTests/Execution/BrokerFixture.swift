@testable import TradingCore

/// Orders and market snapshots for the `SimulatedBroker` tests, in three lines each.
enum BrokerFixture {
  static let symbol = "XYZ"
  static let start = Timestamp(secondsSinceEpoch: 1_700_000_000)

  static func decimal(_ text: String) -> Fixed { Fixed(text)! }

  static func time(milliseconds: Int64) -> Timestamp { start.adding(nanoseconds: milliseconds * 1_000_000) }

  static func market(_ id: String, _ side: Side, _ quantity: OrderQuantity, symbol: String = symbol) -> Order {
    Order(id: OrderID(id), symbol: symbol, side: side, quantity: quantity, createdAt: start)
  }

  static func market(_ id: String, _ side: Side, _ units: Quantity, symbol: String = symbol) -> Order {
    market(id, side, .units(units), symbol: symbol)
  }

  static func limit(_ id: String, _ side: Side, _ units: Quantity, at limit: Price) -> Order {
    Order(
      id: OrderID(id), symbol: symbol, side: side, kind: .limit, quantity: .units(units), limitPrice: limit,
      createdAt: start)
  }

  /// A quote: buys take the ask, sells the bid.
  static func quote(bid: String, ask: String, at time: Timestamp = start) -> MarketSnapshot {
    MarketSnapshot(tick: Tick(symbol: symbol, timestamp: time, bid: decimal(bid), ask: decimal(ask)))
  }

  /// A bar met at its open (the next-bar-open fill), valued at its close.
  static func barAtOpen(
    open: String, high: String, low: String, close: String, at time: Timestamp = start
  ) -> MarketSnapshot {
    let bar = Bar(
      timestamp: time, open: decimal(open), high: decimal(high), low: decimal(low), close: decimal(close), volume: 1_000
    )
    return MarketSnapshot(bar: bar, fillingAt: bar.open)
  }

  /// Matches `market` for `symbol` and returns what happened.
  static func match(_ broker: inout SimulatedBroker, _ market: MarketSnapshot, symbol: String = symbol)
    -> [ExecutionReport]
  {
    var reports: [ExecutionReport] = []
    broker.match(symbol: symbol, market: market, reports: &reports)
    return reports
  }

  static func fills(_ reports: [ExecutionReport]) -> [Fill] {
    reports.compactMap { report in
      if case .filled(_, let fill) = report { return fill }
      return nil
    }
  }

  static func rejections(_ reports: [ExecutionReport]) -> [String] {
    reports.compactMap { report in
      if case .rejected(_, let reason) = report { return reason }
      return nil
    }
  }
}
