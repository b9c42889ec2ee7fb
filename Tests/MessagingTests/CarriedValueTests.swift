import Messaging
import Testing
import TradingCore

/// Values carried with entries on the in-process bus: handed to the first delivery only, equal
/// to what the fields decode to, and never in place of the fields for anyone else.
@Suite struct CarriedValueTests {
  static func signals(_ count: Int) -> [Signal] {
    var generator = SplitMix64(seed: 7)
    var signals: [Signal] = []
    for index in 0..<count {
      let time = Timestamp(nanosecondsSinceEpoch: 1_717_171_717_000_000_000 + Int64(index))
      let step = Double(index)
      let meta: [String: Double] = ["price": 100 + step / 3, "volatility": 0.0123, "feature.r1": -step / 7]
      signals.append(
        Signal(
          id: TimeSortableID(timestamp: time, using: &generator), symbol: index.isMultiple(of: 2) ? "AAPL" : "MSFT",
          score: 0.25 + step / 1_000, timestamp: time, source: "pattern_engine", meta: meta))
    }
    return signals
  }

  @Test func theFirstReadGetsTheValueAndItEqualsTheDecodedFields() async throws {
    let clock = ManualMillisecondClock()
    let bus = InProcessEventBus(nowMilliseconds: { clock.now() })
    let stream = StreamName("signals:test")
    try await bus.createGroup(stream: stream, group: "strategy", startAt: .beginning)
    let published = Self.signals(5)
    let ids = try await bus.publish(
      to: stream, entries: published.map(\.busFields), carrying: published, trim: .maxLength(100))
    #expect(ids.count == 5)

    let first = try await bus.read(stream: stream, group: "strategy", consumer: "a", count: 10, block: nil)
    #expect(first.map(\.id) == ids)
    for (message, signal) in zip(first, published) {
      #expect(message.carried as? Signal == signal)
      #expect(try Signal(busFields: message.fields) == signal)
      #expect(try Signal(busMessage: message) == signal)
    }

    // Another group, and a redelivery to a second consumer, read the fields only.
    try await bus.createGroup(stream: stream, group: "audit", startAt: .beginning)
    let other = try await bus.read(stream: stream, group: "audit", consumer: "b", count: 10, block: nil)
    #expect(other.map(\.id) == ids && other.allSatisfy { $0.carried == nil })
    #expect(try other.map { try Signal(busMessage: $0) } == published)
    clock.advance(by: .seconds(60))
    let claimed = try await bus.claimIdle(
      stream: stream, group: "strategy", consumer: "c", minIdle: .seconds(30), count: 10)
    #expect(claimed.map(\.id) == ids && claimed.allSatisfy { $0.carried == nil })
    #expect(try claimed.map { try Signal(busMessage: $0) } == published)
  }

  @Test func entriesWithoutValuesAndReadsInPiecesKeepTheRightValueOnEachEntry() async throws {
    let bus = InProcessEventBus()
    let stream = StreamName("mixed")
    try await bus.createGroup(stream: stream, group: "g", startAt: .beginning)
    let signals = Self.signals(6)
    _ = try await bus.publish(
      to: stream, entries: signals[0..<2].map(\.busFields), carrying: Array(signals[0..<2]), trim: .maxLength(100))
    _ = try await bus.publish(to: stream, fields: signals[2].busFields, trim: .maxLength(100))
    _ = try await bus.publish(
      to: stream, entries: signals[3..<6].map(\.busFields), carrying: Array(signals[3..<6]), trim: .maxLength(100))
    var carried: [Signal?] = []
    while carried.count < 6 {
      let messages = try await bus.read(stream: stream, group: "g", consumer: "a", count: 2, block: nil)
      #expect(!messages.isEmpty)
      carried += messages.map { $0.carried as? Signal }
    }
    #expect(carried == [signals[0], signals[1], nil, signals[3], signals[4], signals[5]])
  }

  @Test func aCountThatDoesNotMatchIsRefused() async throws {
    let bus = InProcessEventBus()
    let signals = Self.signals(2)
    await #expect(throws: EventBusError.self) {
      try await bus.publish(
        to: StreamName("s"), entries: signals.map(\.busFields), carrying: [signals[0]], trim: .maxLength(10))
    }
  }

  @Test func aStreamNobodyReadsHoldsOnlyItsNewestValues() async throws {
    let bus = InProcessEventBus()
    let stream = StreamName("unread")
    let signals = Self.signals(3)
    // More values than the bus holds for a stream: the oldest lose theirs, and decode instead.
    for _ in 0..<4 {
      for signal in signals {
        _ = try await bus.publish(to: stream, entries: [signal.busFields], carrying: [signal], trim: .maxLength(20_000))
      }
    }
    for _ in 0..<3_400 {
      _ = try await bus.publish(
        to: stream, entries: signals.map(\.busFields), carrying: signals, trim: .maxLength(20_000))
    }
    try await bus.createGroup(stream: stream, group: "late", startAt: .beginning)
    let first = try await bus.read(stream: stream, group: "late", consumer: "a", count: 12, block: nil)
    #expect(first.count == 12 && first.allSatisfy { $0.carried == nil })
    #expect(try first.map { try Signal(busMessage: $0) } == Array(repeating: signals, count: 4).flatMap { $0 })
    let rest = try await bus.read(stream: stream, group: "late", consumer: "a", count: 20_000, block: nil)
    #expect(rest.count == 10_200)
    #expect(rest.suffix(10_000).allSatisfy { $0.carried != nil })
    #expect(rest.prefix(200).allSatisfy { $0.carried == nil })
  }
}
