import Messaging
import Testing

/// What a conformance check needs from one `EventBus` implementation.
struct EventBusFixture: Sendable {
  let bus: any EventBus
  /// Lets at least `duration` pass on the clock the bus measures idle time with: a manual clock
  /// jumps, a server's clock is waited for.
  let advanceTime: @Sendable (Duration) async throws -> Void
  /// Prefixed to every stream name a check uses, so that checks sharing one server do not meet.
  var streamNamespace = ""

  func stream(_ name: String) -> StreamName { StreamName(streamNamespace + name) }
}

/// Makes a fresh bus for one check.
typealias EventBusFactory = @Sendable () async throws -> EventBusFixture

/// One property of the `EventBus` contract (DESIGN.md §4), checked against any implementation.
struct ConformanceCheck: Sendable, CustomTestStringConvertible {
  let name: String
  let run: @Sendable (EventBusFactory) async throws -> Void

  var testDescription: String { name }
}

/// The `EventBus` contract as executable checks. Every implementation runs all of them, e.g.
/// `@Test(arguments: EventBusConformance.allChecks)`, so that a component tested on one bus
/// behaves the same on the other.
enum EventBusConformance {
  static let allChecks: [ConformanceCheck] = [
    ConformanceCheck(name: "published entries are read in order", run: publishedEntriesAreReadInOrder),
    ConformanceCheck(
      name: "entries published with carried values read back as entries, each value its own",
      run: carriedValuesStayWithTheirEntries),
    ConformanceCheck(name: "consumers of one group split the entries", run: consumersOfOneGroupSplitTheEntries),
    ConformanceCheck(name: "every group sees every entry", run: everyGroupSeesEveryEntry),
    ConformanceCheck(
      name: "an idle entry is reclaimed after minIdle, not before", run: idleEntryIsReclaimedOnlyAfterMinIdle),
    ConformanceCheck(name: "an acknowledged entry is never redelivered", run: acknowledgedEntryIsNeverRedelivered),
    ConformanceCheck(
      name: "entries read acknowledged on delivery are never pending", run: entriesAcknowledgedOnDeliveryAreNeverPending
    ),
    ConformanceCheck(name: "each claim counts one more delivery", run: eachClaimCountsOneMoreDelivery),
    ConformanceCheck(name: "the pending summary counts per consumer", run: pendingSummaryCountsPerConsumer),
    ConformanceCheck(name: "a blocking read wakes on publish", run: blockingReadWakesOnPublish),
    ConformanceCheck(name: "a blocking read times out empty", run: blockingReadTimesOutEmpty),
    ConformanceCheck(
      name: "one publish wakes one blocked consumer of a group", run: onePublishServesOneBlockedConsumer),
    ConformanceCheck(name: "trimming by length bounds the stream", run: trimmingByLengthBoundsTheStream),
    ConformanceCheck(name: "trimming by age drops old entries", run: trimmingByAgeDropsOldEntries),
    ConformanceCheck(name: "a group created at newOnly skips history", run: newOnlyGroupSkipsHistory),
    ConformanceCheck(name: "creating a group twice keeps its position", run: creatingAGroupTwiceKeepsItsPosition),
    ConformanceCheck(
      name: "destroying a group removes it and its pending list, not the entries", run: destroyingAGroupRemovesIt),
    ConformanceCheck(name: "creating a group creates its stream", run: creatingAGroupCreatesItsStream),
    ConformanceCheck(name: "a missing group or stream is an error", run: missingGroupOrStreamIsAnError),
    ConformanceCheck(name: "invalid arguments are rejected", run: invalidArgumentsAreRejected),
    ConformanceCheck(name: "group lag and length report the backlog", run: groupLagAndLengthReportTheBacklog),
    ConformanceCheck(name: "concurrent publishers lose nothing", run: concurrentPublishersLoseNothing),
    ConformanceCheck(name: "closing wakes blocked readers and refuses calls", run: closingWakesReadersAndRefusesCalls),
    ConformanceCheck(
      name: "no acknowledged or pending entry is lost under random interleavings",
      run: noEntryIsLostUnderRandomInterleavings),
  ]

  /// A bound no check reaches, so that only the trimming checks see entries trimmed.
  static let roomyTrim = StreamTrimPolicy.maxLength(1_000_000)

  /// How many entries more than asked an approximate trim may keep: Redis trims whole macro nodes
  /// of `stream-node-max-entries` (100 by default) entries.
  static let approximateTrimSlack = 100

  /// Publishes `count` entries `{"n": "0"}`, `{"n": "1"}`, … and returns their ids.
  static func publishNumbered(
    _ count: Int, to stream: StreamName, on bus: any EventBus, trim: StreamTrimPolicy = roomyTrim
  ) async throws -> [StreamEntryID] {
    var ids: [StreamEntryID] = []
    for number in 0..<count {
      ids.append(try await bus.publish(to: stream, fields: ["n": String(number)], trim: trim))
    }
    return ids
  }

  /// Reads with `consumer` until nothing new is left.
  static func readAll(
    _ stream: StreamName, group: String, consumer: String, on bus: any EventBus, batch: Int = 100
  ) async throws -> [BusMessage] {
    var messages: [BusMessage] = []
    while true {
      let batchRead = try await bus.read(stream: stream, group: group, consumer: consumer, count: batch, block: nil)
      if batchRead.isEmpty { return messages }
      messages += batchRead
    }
  }

  // MARK: - Delivery

  static func publishedEntriesAreReadInOrder(_ makeFixture: EventBusFactory) async throws {
    let fixture = try await makeFixture()
    let (bus, stream) = (fixture.bus, fixture.stream("orders"))
    try await bus.createGroup(stream: stream, group: "g", startAt: .beginning)
    let ids = try await publishNumbered(10, to: stream, on: bus)
    #expect(ids == ids.sorted() && Set(ids).count == ids.count)
    let messages = try await bus.read(stream: stream, group: "g", consumer: "c", count: 100, block: nil)
    #expect(messages.map(\.id) == ids)
    #expect(messages.map { $0.fields["n"] } == (0..<10).map { String($0) })
    #expect(messages.allSatisfy { $0.stream == stream })
    let nothingNew = try await bus.read(stream: stream, group: "g", consumer: "c", count: 100, block: nil)
    #expect(nothingNew.isEmpty)
  }

  /// A bus may hand a reader the value published with an entry (in one process) or not (across
  /// processes); either way the entries are the same, and a value handed over is its entry's.
  static func carriedValuesStayWithTheirEntries(_ makeFixture: EventBusFactory) async throws {
    let fixture = try await makeFixture()
    let (bus, stream) = (fixture.bus, fixture.stream("carried"))
    try await bus.createGroup(stream: stream, group: "g", startAt: .beginning)
    let entries = (0..<8).map { ["n": String($0)] }
    let ids = try await bus.publish(to: stream, entries: entries, carrying: Array(0..<8), trim: roomyTrim)
    #expect(ids.count == 8 && ids == ids.sorted())
    let messages = try await readAll(stream, group: "g", consumer: "c", on: bus, batch: 3)
    #expect(messages.map(\.id) == ids)
    #expect(messages.map(\.fields) == entries)
    for (index, message) in messages.enumerated() where message.carried != nil {
      #expect(message.carried as? Int == index)
    }
  }

  static func consumersOfOneGroupSplitTheEntries(_ makeFixture: EventBusFactory) async throws {
    let fixture = try await makeFixture()
    let (bus, stream) = (fixture.bus, fixture.stream("signals"))
    try await bus.createGroup(stream: stream, group: "strategy", startAt: .beginning)
    let ids = try await publishNumbered(25, to: stream, on: bus)
    var seenBy: [String: [StreamEntryID]] = ["a": [], "b": []]
    var consumer = "a"
    while true {
      let batch = try await bus.read(stream: stream, group: "strategy", consumer: consumer, count: 3, block: nil)
      if batch.isEmpty { break }
      seenBy[consumer, default: []] += batch.map(\.id)
      consumer = consumer == "a" ? "b" : "a"
    }
    let seenByA = Set(seenBy["a"]!)
    let seenByB = Set(seenBy["b"]!)
    #expect(seenByA.isDisjoint(with: seenByB), "no entry goes to two consumers of one group")
    #expect(seenByA.union(seenByB) == Set(ids), "every entry goes to one of them")
    #expect(!seenByA.isEmpty && !seenByB.isEmpty)
    let summary = try await bus.pending(stream: stream, group: "strategy")
    #expect(summary.consumers == ["a": seenByA.count, "b": seenByB.count])
  }

  static func everyGroupSeesEveryEntry(_ makeFixture: EventBusFactory) async throws {
    let fixture = try await makeFixture()
    let (bus, stream) = (fixture.bus, fixture.stream("fills"))
    for group in ["portfolio", "store"] { try await bus.createGroup(stream: stream, group: group, startAt: .beginning) }
    let ids = try await publishNumbered(12, to: stream, on: bus)
    for group in ["portfolio", "store"] {
      let messages = try await readAll(stream, group: group, consumer: "c", on: bus, batch: 5)
      #expect(messages.map(\.id) == ids, "group \(group)")
    }
  }

  static func onePublishServesOneBlockedConsumer(_ makeFixture: EventBusFactory) async throws {
    let fixture = try await makeFixture()
    let (bus, stream) = (fixture.bus, fixture.stream("decisions"))
    try await bus.createGroup(stream: stream, group: "g", startAt: .newOnly)
    async let first = bus.read(stream: stream, group: "g", consumer: "a", count: 10, block: .milliseconds(800))
    async let second = bus.read(stream: stream, group: "g", consumer: "b", count: 10, block: .milliseconds(800))
    try await Task.sleep(for: .milliseconds(100))
    let id = try await bus.publish(to: stream, fields: ["k": "v"], trim: roomyTrim)
    let delivered = try await first + second
    #expect(delivered.map(\.id) == [id], "exactly one of the two blocked consumers gets the entry")
  }
}
