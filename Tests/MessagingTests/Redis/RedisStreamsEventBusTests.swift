import Messaging
import Testing

extension RealRedisServerTests {
  /// `RedisStreamsEventBus` against the shared server: the whole `EventBus` conformance suite the
  /// in-process bus passes, then what only a networked bus has (connections, cancellation).
  ///
  /// Each check gets its own stream prefix, so the checks run in parallel on one server. Time on the
  /// server cannot be moved, so `advanceTime` waits it out.
  @Suite
  struct RedisStreamsEventBusTests {
    static func makeFixture(_ prefix: String) throws -> EventBusFixture {
      EventBusFixture(
        bus: RedisStreamsEventBus(configuration: try RedisTestEnvironment.configuration()),
        advanceTime: { try await Task.sleep(for: $0) }, streamNamespace: prefix)
    }

    @Test(arguments: EventBusConformance.allChecks)
    func conformsToTheEventBusContract(_ check: ConformanceCheck) async throws {
      let prefix = RedisTestEnvironment.uniquePrefix("bus")
      try await check.run { try Self.makeFixture(prefix) }
    }

    /// The checks whose replies RESP2 shapes differently (stream reads and claims, pending lists,
    /// group info, errors), on a RESP2 connection. The rest do not depend on the protocol, and the
    /// typed commands are tested in both protocols one by one.
    static let protocolSensitiveChecks: Set<String> = [
      "published entries are read in order", "consumers of one group split the entries",
      "an acknowledged entry is never redelivered", "the pending summary counts per consumer",
      "a blocking read wakes on publish", "a missing group or stream is an error",
      "group lag and length report the backlog",
    ]

    @Test func conformsInRESP2Too() async throws {
      #expect(
        Set(EventBusConformance.allChecks.map(\.name)).isSuperset(of: Self.protocolSensitiveChecks),
        "a renamed check must not drop out of the RESP2 run unnoticed")
      let prefix = RedisTestEnvironment.uniquePrefix("bus2")
      for check in EventBusConformance.allChecks where Self.protocolSensitiveChecks.contains(check.name) {
        try await check.run {
          EventBusFixture(
            bus: RedisStreamsEventBus(configuration: try RedisTestEnvironment.configuration(.resp2)),
            advanceTime: { try await Task.sleep(for: $0) }, streamNamespace: prefix + check.name + ":")
        }
      }
    }

    /// A consumer blocked in a read holds a connection of its own: publishing and everything else
    /// go on meanwhile.
    @Test func aBlockedReadDoesNotStallOtherCommands() async throws {
      let fixture = try Self.makeFixture(RedisTestEnvironment.uniquePrefix("bus"))
      let (bus, stream) = (fixture.bus, fixture.stream("decisions"))
      defer { Task { await bus.close() } }
      try await bus.createGroup(stream: stream, group: "g", startAt: .newOnly)
      let blockedReads = (0..<3).map { reader in
        Task { try await bus.read(stream: stream, group: "g", consumer: "c\(reader)", count: 1, block: .seconds(20)) }
      }
      try await Task.sleep(for: .milliseconds(100))
      for number in 0..<50 { _ = try await bus.publish(to: fixture.stream("other"), fields: ["n": String(number)]) }
      #expect(try await bus.streamLength(fixture.stream("other")) == 50)
      for number in 0..<3 { _ = try await bus.publish(to: stream, fields: ["n": String(number)]) }
      var delivered = 0
      for read in blockedReads { delivered += try await read.value.count }
      #expect(delivered == 3, "each blocked reader got one entry")
    }

    @Test func cancellingABlockedReadEndsItAndLeavesTheBusWorking() async throws {
      let fixture = try Self.makeFixture(RedisTestEnvironment.uniquePrefix("bus"))
      let (bus, stream) = (fixture.bus, fixture.stream("signals"))
      defer { Task { await bus.close() } }
      try await bus.createGroup(stream: stream, group: "g", startAt: .newOnly)
      let blockedRead = Task {
        try await bus.read(stream: stream, group: "g", consumer: "c", count: 1, block: .seconds(30))
      }
      try await Task.sleep(for: .milliseconds(100))
      blockedRead.cancel()
      await #expect(throws: CancellationError.self) { try await blockedRead.value }

      let id = try await bus.publish(to: stream, fields: ["k": "v"])
      #expect(try await bus.read(stream: stream, group: "g", consumer: "c", count: 1, block: nil).map(\.id) == [id])
    }

    @Test func claimDropsPendingEntriesThatWereTrimmed() async throws {
      let fixture = try Self.makeFixture(RedisTestEnvironment.uniquePrefix("bus"))
      let (bus, stream) = (fixture.bus, fixture.stream("signals"))
      defer { Task { await bus.close() } }
      try await bus.createGroup(stream: stream, group: "g", startAt: .beginning)
      _ = try await EventBusConformance.publishNumbered(3, to: stream, on: bus)
      _ = try await bus.read(stream: stream, group: "g", consumer: "dead", count: 3, block: nil)
      // Approximate trimming keeps whole nodes, so trim exactly through the client to see the drop.
      let client = RedisClient(configuration: try RedisTestEnvironment.configuration())
      defer { Task { await client.close() } }
      try await client.xtrim(stream.rawValue, .maxLength(1, approximate: false))

      let claimed = try await bus.claimIdle(stream: stream, group: "g", consumer: "alive", minIdle: .zero, count: 10)
      #expect(claimed.map { $0.fields["n"] } == ["2"])
      #expect(try await bus.pending(stream: stream, group: "g").count == 1, "the trimmed entries left the pending list")
    }

    /// Where Redis has no `lag` (here: an `XDEL` inside the unread range), the bus counts the
    /// unread entries itself.
    @Test func groupLagIsCountedWhereRedisHasNone() async throws {
      let fixture = try Self.makeFixture(RedisTestEnvironment.uniquePrefix("bus"))
      let (bus, stream) = (fixture.bus, fixture.stream("signals"))
      defer { Task { await bus.close() } }
      let ids = try await EventBusConformance.publishNumbered(6, to: stream, on: bus)
      try await bus.createGroup(stream: stream, group: "g", startAt: .beginning)
      _ = try await bus.read(stream: stream, group: "g", consumer: "c", count: 1, block: nil)
      let client = RedisClient(configuration: try RedisTestEnvironment.configuration())
      defer { Task { await client.close() } }
      try await client.send(RedisCommand("XDEL", stream.rawValue, ids[3].description))
      #expect(try await client.xinfoGroups(stream.rawValue).first?.lag == nil, "Redis cannot tell")
      #expect(try await bus.groupLag(stream: stream, group: "g") == 4)
    }

    /// A batch is pipelined and lands as single publishes would: in order, ids rising, each read
    /// back with its fields; the trim applies; an empty entry refuses the whole batch.
    @Test func aBatchIsPublishedInOrder() async throws {
      let fixture = try Self.makeFixture(RedisTestEnvironment.uniquePrefix("bus"))
      let (bus, stream) = (fixture.bus, fixture.stream("ticks"))
      defer { Task { await bus.close() } }
      let entries = (0..<250).map { ["n": String($0), "symbol": "S\($0 % 3)"] }
      let ids = try await bus.publish(to: stream, entries: entries, trim: .maxLength(1_000))
      #expect(ids.count == 250 && zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 })
      try await bus.createGroup(stream: stream, group: "g", startAt: .beginning)
      let read = try await bus.read(stream: stream, group: "g", consumer: "c", count: 500, block: nil)
      #expect(read.map(\.id) == ids)
      #expect(read.map(\.fields) == entries)
      #expect(try await bus.publish(to: stream, entries: [], trim: .maxLength(10)).isEmpty)
      await #expect(throws: EventBusError.self) {
        try await bus.publish(to: stream, entries: [["n": "x"], [:]], trim: .maxLength(10))
      }
      #expect(try await bus.streamLength(stream) == 250)
    }
  }
}
