import Messaging
import Testing

/// Acknowledgement, pending entries and reclaiming (`XACK`, `XPENDING`, `XAUTOCLAIM`).
extension EventBusConformance {
  /// Long enough that a stalled test process on a loaded machine does not make an entry idle early
  /// on a bus that reads the real clock (Redis).
  static let minIdle = Duration.seconds(1)

  static func idleEntryIsReclaimedOnlyAfterMinIdle(_ makeFixture: EventBusFactory) async throws {
    let fixture = try await makeFixture()
    let (bus, stream) = (fixture.bus, fixture.stream("signals"))
    try await bus.createGroup(stream: stream, group: "g", startAt: .beginning)
    let ids = try await publishNumbered(2, to: stream, on: bus)
    _ = try await bus.read(stream: stream, group: "g", consumer: "dead", count: 10, block: nil)

    try await fixture.advanceTime(minIdle / 2)
    let early = try await bus.claimIdle(stream: stream, group: "g", consumer: "alive", minIdle: minIdle, count: 10)
    #expect(early.isEmpty, "nothing is claimed before it has been idle for minIdle")

    try await fixture.advanceTime(minIdle)
    let claimed = try await bus.claimIdle(stream: stream, group: "g", consumer: "alive", minIdle: minIdle, count: 10)
    #expect(claimed.map(\.id) == ids)
    #expect(claimed.map { $0.fields["n"] } == ["0", "1"])
    let summary = try await bus.pending(stream: stream, group: "g")
    #expect(summary.consumers == ["alive": 2], "claimed entries now belong to the claimer")

    let again = try await bus.claimIdle(stream: stream, group: "g", consumer: "other", minIdle: minIdle, count: 10)
    #expect(again.isEmpty, "a claim resets the idle time")
  }

  static func acknowledgedEntryIsNeverRedelivered(_ makeFixture: EventBusFactory) async throws {
    let fixture = try await makeFixture()
    let (bus, stream) = (fixture.bus, fixture.stream("signals"))
    try await bus.createGroup(stream: stream, group: "g", startAt: .beginning)
    let ids = try await publishNumbered(3, to: stream, on: bus)
    _ = try await bus.read(stream: stream, group: "g", consumer: "c", count: 10, block: nil)

    #expect(try await bus.acknowledge(stream: stream, group: "g", ids: [ids[0], ids[2]]) == 2)
    #expect(try await bus.acknowledge(stream: stream, group: "g", ids: [ids[0]]) == 0, "a second ack finds nothing")
    let unknown = StreamEntryID(milliseconds: 1, sequence: 99)
    #expect(try await bus.acknowledge(stream: stream, group: "g", ids: [unknown]) == 0)

    try await fixture.advanceTime(minIdle * 2)
    let claimed = try await bus.claimIdle(stream: stream, group: "g", consumer: "d", minIdle: minIdle, count: 10)
    #expect(claimed.map(\.id) == [ids[1]], "only the unacknowledged entry comes back")
    #expect(try await bus.read(stream: stream, group: "g", consumer: "d", count: 10, block: nil).isEmpty)
    #expect(try await bus.acknowledge(stream: stream, group: "g", ids: [ids[1]]) == 1)

    try await fixture.advanceTime(minIdle * 2)
    #expect(try await bus.claimIdle(stream: stream, group: "g", consumer: "e", minIdle: minIdle, count: 10).isEmpty)
    #expect(try await bus.pending(stream: stream, group: "g").count == 0)
  }

  static func entriesAcknowledgedOnDeliveryAreNeverPending(_ makeFixture: EventBusFactory) async throws {
    let fixture = try await makeFixture()
    let (bus, stream) = (fixture.bus, fixture.stream("ticks"))
    try await bus.createGroup(stream: stream, group: "g", startAt: .beginning)
    let ids = try await publishNumbered(3, to: stream, on: bus)
    let first = try await bus.read(
      stream: stream, group: "g", consumer: "c", count: 2, block: nil, acknowledgedOnDelivery: true)
    #expect(first.map(\.id) == Array(ids.prefix(2)))
    #expect(first.map { $0.fields["n"] } == ["0", "1"])
    #expect(try await bus.pending(stream: stream, group: "g").count == 0, "nothing delivered is pending")
    #expect(try await bus.groupLag(stream: stream, group: "g") == 1, "the group has moved past what it was given")

    // An ordinary read of the same group goes on after them, and its entry is pending.
    let rest = try await bus.read(stream: stream, group: "g", consumer: "c", count: 10, block: nil)
    #expect(rest.map(\.id) == [ids[2]])
    #expect(try await bus.pendingEntries(stream: stream, group: "g", count: 10).map(\.id) == [ids[2]])

    try await fixture.advanceTime(minIdle * 2)
    let claimed = try await bus.claimIdle(stream: stream, group: "g", consumer: "d", minIdle: minIdle, count: 10)
    #expect(claimed.map(\.id) == [ids[2]], "only the entry read without NOACK can come back")
    #expect(try await bus.acknowledge(stream: stream, group: "g", ids: Array(ids.prefix(2))) == 0)
  }

  static func eachClaimCountsOneMoreDelivery(_ makeFixture: EventBusFactory) async throws {
    let fixture = try await makeFixture()
    let (bus, stream) = (fixture.bus, fixture.stream("signals"))
    try await bus.createGroup(stream: stream, group: "g", startAt: .beginning)
    let id = try await bus.publish(to: stream, fields: ["k": "v"], trim: roomyTrim)
    _ = try await bus.read(stream: stream, group: "g", consumer: "first", count: 1, block: nil)
    #expect(try await bus.pendingEntries(stream: stream, group: "g", count: 10).map(\.deliveryCount) == [1])

    for (claimer, expectedCount) in [("second", 2), ("third", 3)] {
      try await fixture.advanceTime(minIdle)
      let claimed = try await bus.claimIdle(stream: stream, group: "g", consumer: claimer, minIdle: minIdle, count: 1)
      #expect(claimed.map(\.id) == [id])
      let entries = try await bus.pendingEntries(stream: stream, group: "g", count: 10)
      #expect(entries.map(\.deliveryCount) == [expectedCount])
      #expect(entries.map(\.consumer) == [claimer])
      #expect(entries.allSatisfy { $0.idle < minIdle }, "a claim restarts the idle time")
    }
  }

  static func pendingSummaryCountsPerConsumer(_ makeFixture: EventBusFactory) async throws {
    let fixture = try await makeFixture()
    let (bus, stream) = (fixture.bus, fixture.stream("signals"))
    try await bus.createGroup(stream: stream, group: "g", startAt: .beginning)
    let empty = try await bus.pending(stream: stream, group: "g")
    #expect(empty == PendingSummary(count: 0, oldestID: nil, oldestIdle: nil, consumers: [:]))

    let ids = try await publishNumbered(5, to: stream, on: bus)
    _ = try await bus.read(stream: stream, group: "g", consumer: "a", count: 2, block: nil)
    _ = try await bus.read(stream: stream, group: "g", consumer: "b", count: 3, block: nil)
    try await fixture.advanceTime(minIdle)
    _ = try await bus.acknowledge(stream: stream, group: "g", ids: [ids[0], ids[4]])

    let summary = try await bus.pending(stream: stream, group: "g")
    #expect(summary.count == 3)
    #expect(summary.consumers == ["a": 1, "b": 2])
    #expect(summary.oldestID == ids[1])
    #expect((summary.oldestIdle ?? .zero) >= minIdle)
    let entries = try await bus.pendingEntries(stream: stream, group: "g", count: 2)
    #expect(entries.map(\.id) == [ids[1], ids[2]], "smallest ids first, at most count")
    #expect(entries.map(\.consumer) == ["a", "b"])
  }
}
