import Persistence
import TradingCore

/// Reproducible records for the store tests.
enum Fixtures {
  static let start = Timestamp(secondsSinceEpoch: 1_700_000_000)
  static let symbols = ["AAPL", "MSFT", "GOOG"]

  /// `count` signals one second apart from `start`, cycling through `symbols`, scores in [-1, 1).
  static func signals(count: Int, from start: Timestamp = start, seed: UInt64 = 1) -> [Signal] {
    var random = SplitMix64(seed: seed)
    return (0..<count).map { index in
      let time = start.adding(seconds: Int64(index))
      return Signal(
        id: TimeSortableID(timestamp: time, using: &random), symbol: symbols[index % symbols.count],
        score: random.nextUnit() * 2 - 1, timestamp: time, source: "pattern_engine", meta: ["index": Double(index)])
    }
  }

  /// An order created `second` seconds after `start`; several orders may share a second.
  static func order(
    _ id: String, second: Int64, symbol: String = "AAPL", status: Order.Status = .new
  ) -> OrderRecord {
    OrderRecord(
      id: OrderID(id), signalID: nil, symbol: symbol, side: .buy, quantity: 10, status: status, confidence: 0.5,
      createdAt: start.adding(seconds: second))
  }

  /// A fill executed `second` seconds after `start`.
  static func fill(_ id: String, second: Int64, symbol: String = "AAPL", order: String = "O-1") -> FillRecord {
    FillRecord(
      id: id,
      fill: Fill(
        orderID: OrderID(order), symbol: symbol, side: .buy, quantity: Fixed("1.5")!, price: Fixed("100.25")!,
        commission: Fixed("0.01")!, timestamp: start.adding(seconds: second)))
  }

  /// Every page of a listing, following `nextCursor` to the end.
  static func allPages<Item>(_ fetch: (String?) async throws -> Page<Item>) async throws -> [Page<Item>] {
    var pages = [try await fetch(nil)]
    while let cursor = pages.last?.nextCursor {
      pages.append(try await fetch(cursor))
    }
    return pages
  }
}
