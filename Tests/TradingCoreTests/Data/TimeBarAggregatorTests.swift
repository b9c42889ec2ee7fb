import Testing

@testable import TradingCore

/// Time bars cover [start, start + interval), are stamped with their start, and complete on the
/// first update at or past their end.
@Suite struct TimeBarAggregatorTests {
  static let minute: Int64 = 60 * 1_000_000_000

  static func at(_ nanoseconds: Int64) -> Timestamp { Timestamp(nanosecondsSinceEpoch: nanoseconds) }

  @Test func buildsOHLCVAndCompletesOnTheFirstUpdatePastTheEnd() {
    var aggregator = TimeBarAggregator(intervalSeconds: 60)
    let base = CivilDateTime(year: 2024, month: 3, day: 1, hour: 9, minute: 30).timestamp.nanosecondsSinceEpoch
    let inside = [
      aggregator.update(price: 10, volume: 1, at: Self.at(base + 5_000_000_000)),
      aggregator.update(price: 12, volume: 2, at: Self.at(base + 20_000_000_000)),
      aggregator.update(price: 9, volume: 3, at: Self.at(base + 40_000_000_000)),
      aggregator.update(price: 11, volume: 4, at: Self.at(base + Self.minute - 1)),
    ]
    #expect(inside == [nil, nil, nil, nil])
    let completed = aggregator.update(price: 13, volume: 5, at: Self.at(base + Self.minute))
    #expect(completed == Bar(timestamp: Self.at(base), open: 10, high: 12, low: 9, close: 11, volume: 10))
    // The bar in progress started with the update that completed the previous one.
    let flushed = aggregator.flush()
    let flushedAgain = aggregator.flush()
    #expect(flushed == Bar(timestamp: Self.at(base + Self.minute), open: 13, high: 13, low: 13, close: 13, volume: 5))
    #expect(flushedAgain == nil)
  }

  @Test func aGapSkipsEmptyIntervals() {
    var aggregator = TimeBarAggregator(intervalSeconds: 60)
    _ = aggregator.update(price: 10, volume: 1, at: Self.at(0))
    let completed = aggregator.update(price: 20, volume: 1, at: Self.at(200 * 1_000_000_000))
    let inProgress = aggregator.flush()
    #expect(completed?.timestamp == Self.at(0))
    // 200 s falls in the bar starting at 180 s; no bars are made for 60 s and 120 s.
    #expect(inProgress?.timestamp == Self.at(180 * 1_000_000_000))
  }

  @Test func barsAlignToTheIntervalBeforeTheEpochToo() {
    var aggregator = TimeBarAggregator(intervalSeconds: 60)
    _ = aggregator.update(price: 5, volume: 1, at: Self.at(-1))
    _ = aggregator.update(price: 6, volume: 1, at: Self.at(-Self.minute))
    let first = aggregator.update(price: 7, volume: 1, at: Self.at(0))
    // −1 ns and −60 s are both in [−60 s, 0).
    #expect(first == Bar(timestamp: Self.at(-Self.minute), open: 5, high: 6, low: 5, close: 6, volume: 2))
    var other = TimeBarAggregator(intervalSeconds: 60)
    _ = other.update(price: 5, volume: 1, at: Self.at(-Self.minute - 1))
    let earlier = other.flush()
    #expect(earlier?.timestamp == Self.at(-2 * Self.minute))
  }

  @Test func updatesAfterAFlushStartAFreshBar() {
    var aggregator = TimeBarAggregator(intervalSeconds: 5)
    _ = aggregator.update(price: 1, volume: 1, at: Self.at(1_000_000_000))
    let first = aggregator.flush()
    let afterFlush = aggregator.update(price: 2, volume: 1, at: Self.at(2_000_000_000))
    let second = aggregator.flush()
    #expect(first == Bar(timestamp: Self.at(0), open: 1, high: 1, low: 1, close: 1, volume: 1))
    #expect(afterFlush == nil)
    #expect(second == Bar(timestamp: Self.at(0), open: 2, high: 2, low: 2, close: 2, volume: 1))
  }

  /// Over random prices, each bar's OHLCV equals the first, highest, lowest and last price and
  /// the volume sum of the updates in its interval, and every update is in exactly one bar.
  @Test func agreesWithAGroupByOverRandomUpdates() {
    var random = SplitMix64(seed: 5)
    var aggregator = TimeBarAggregator(intervalSeconds: 7)
    var time: Int64 = -50 * 1_000_000_000
    var updates: [(time: Int64, price: Price, volume: Quantity)] = []
    var bars: [Bar] = []
    for _ in 0..<5_000 {
      time += Int64(random.next() % 3_000_000_000)
      let update = (time, Fixed(raw: 1 + Int64(random.next() % 1_000_000)), Fixed(Int(random.next() % 10)))
      updates.append(update)
      if let bar = aggregator.update(price: update.1, volume: update.2, at: Self.at(time)) { bars.append(bar) }
    }
    if let last = aggregator.flush() { bars.append(last) }
    let interval: Int64 = 7 * 1_000_000_000
    let groups = Dictionary(grouping: updates) { update in
      update.time >= 0 ? update.time / interval : (update.time - interval + 1) / interval
    }
    let expected = groups.keys.sorted().map { key in
      let group = groups[key]!
      return Bar(
        timestamp: Self.at(key * interval), open: group.first!.price, high: group.map(\.price).max()!,
        low: group.map(\.price).min()!, close: group.last!.price,
        volume: group.reduce(Quantity.zero) { $0 + $1.volume })
    }
    #expect(bars == expected)
  }
}
