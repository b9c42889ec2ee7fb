import Messaging
import Testing

/// Blocking reads, trimming, group creation, errors, concurrency and closing.
extension EventBusConformance {
  static func blockingReadWakesOnPublish(_ makeFixture: EventBusFactory) async throws {
    let fixture = try await makeFixture()
    let (bus, stream) = (fixture.bus, fixture.stream("decisions"))
    try await bus.createGroup(stream: stream, group: "execution", startAt: .newOnly)
    // Long enough that a test run starving the cooperative pool for seconds cannot be mistaken
    // for a reader that only woke at its timeout.
    let block = Duration.seconds(60)
    let started = ContinuousClock.now
    async let delivered = bus.read(stream: stream, group: "execution", consumer: "c", count: 10, block: block)
    try await Task.sleep(for: .milliseconds(50))
    let id = try await bus.publish(to: stream, fields: ["type": "order"], trim: roomyTrim)
    #expect(try await delivered.map(\.id) == [id])
    #expect(ContinuousClock.now - started < block / 2, "the publish woke the reader long before its timeout")
  }

  static func blockingReadTimesOutEmpty(_ makeFixture: EventBusFactory) async throws {
    let fixture = try await makeFixture()
    let (bus, stream) = (fixture.bus, fixture.stream("decisions"))
    try await bus.createGroup(stream: stream, group: "execution", startAt: .newOnly)
    let block = Duration.milliseconds(150)
    let started = ContinuousClock.now
    let delivered = try await bus.read(stream: stream, group: "execution", consumer: "c", count: 10, block: block)
    #expect(delivered.isEmpty)
    #expect(ContinuousClock.now - started >= block)
    _ = try await bus.publish(to: fixture.stream("other"), fields: ["k": "v"], trim: roomyTrim)
    let stillNothing = try await bus.read(
      stream: stream, group: "execution", consumer: "c", count: 10, block: .milliseconds(50))
    #expect(stillNothing.isEmpty, "a publish to another stream does not deliver here")
  }

  static func trimmingByLengthBoundsTheStream(_ makeFixture: EventBusFactory) async throws {
    let fixture = try await makeFixture()
    let (bus, stream) = (fixture.bus, fixture.stream("ticks"))
    let ids = try await publishNumbered(600, to: stream, on: bus, trim: .maxLength(50))
    let length = try await bus.streamLength(stream)
    #expect((50..<50 + approximateTrimSlack).contains(length))
    try await bus.createGroup(stream: stream, group: "g", startAt: .beginning)
    let remaining = try await readAll(stream, group: "g", consumer: "c", on: bus)
    #expect(remaining.map(\.id) == Array(ids.suffix(length)), "trimming drops the oldest entries")
  }

  static func trimmingByAgeDropsOldEntries(_ makeFixture: EventBusFactory) async throws {
    let fixture = try await makeFixture()
    let (bus, stream) = (fixture.bus, fixture.stream("heartbeat"))
    _ = try await publishNumbered(300, to: stream, on: bus)
    try await fixture.advanceTime(.seconds(1))
    let newest = try await bus.publish(to: stream, fields: ["beat": "1"], trim: .maxAge(.milliseconds(500)))
    let length = try await bus.streamLength(stream)
    #expect((1...1 + approximateTrimSlack).contains(length))
    try await bus.createGroup(stream: stream, group: "g", startAt: .beginning)
    let remaining = try await readAll(stream, group: "g", consumer: "c", on: bus)
    #expect(remaining.last?.id == newest && remaining.count == length)
  }

  static func newOnlyGroupSkipsHistory(_ makeFixture: EventBusFactory) async throws {
    let fixture = try await makeFixture()
    let (bus, stream) = (fixture.bus, fixture.stream("signals"))
    _ = try await publishNumbered(3, to: stream, on: bus)
    try await bus.createGroup(stream: stream, group: "late", startAt: .newOnly)
    #expect(try await bus.groupLag(stream: stream, group: "late") == 0)
    #expect(try await bus.read(stream: stream, group: "late", consumer: "c", count: 10, block: nil).isEmpty)
    let fresh = try await bus.publish(to: stream, fields: ["n": "fresh"], trim: roomyTrim)
    #expect(
      try await bus.read(stream: stream, group: "late", consumer: "c", count: 10, block: nil).map(\.id) == [fresh])
  }

  static func creatingAGroupTwiceKeepsItsPosition(_ makeFixture: EventBusFactory) async throws {
    let fixture = try await makeFixture()
    let (bus, stream) = (fixture.bus, fixture.stream("signals"))
    try await bus.createGroup(stream: stream, group: "g", startAt: .beginning)
    let ids = try await publishNumbered(4, to: stream, on: bus)
    _ = try await bus.read(stream: stream, group: "g", consumer: "c", count: 2, block: nil)
    try await bus.createGroup(stream: stream, group: "g", startAt: .beginning)
    try await bus.createGroup(stream: stream, group: "g", startAt: .newOnly)
    let rest = try await bus.read(stream: stream, group: "g", consumer: "c", count: 10, block: nil)
    #expect(rest.map(\.id) == Array(ids[2...]), "the group goes on where it was")
    #expect(try await bus.pending(stream: stream, group: "g").count == 4)
  }

  static func creatingAGroupCreatesItsStream(_ makeFixture: EventBusFactory) async throws {
    let fixture = try await makeFixture()
    let (bus, stream) = (fixture.bus, fixture.stream("fresh"))
    #expect(try await bus.streamLength(stream) == 0)
    try await bus.createGroup(stream: stream, group: "g", startAt: .newOnly)
    #expect(try await bus.streamLength(stream) == 0)
    #expect(try await bus.groupLag(stream: stream, group: "g") == 0)
    #expect(try await bus.read(stream: stream, group: "g", consumer: "c", count: 1, block: nil).isEmpty)
  }

  static func destroyingAGroupRemovesIt(_ makeFixture: EventBusFactory) async throws {
    let fixture = try await makeFixture()
    let (bus, stream) = (fixture.bus, fixture.stream("followed"))
    try await bus.createGroup(stream: stream, group: "own", startAt: .beginning)
    try await bus.createGroup(stream: stream, group: "other", startAt: .beginning)
    let ids = try await publishNumbered(3, to: stream, on: bus)
    #expect(try await bus.read(stream: stream, group: "own", consumer: "c", count: 2, block: nil).count == 2)
    #expect(try await bus.pending(stream: stream, group: "own").count == 2)

    #expect(try await bus.destroyGroup(stream: stream, group: "own"))
    #expect(try await bus.destroyGroup(stream: stream, group: "own") == false, "gone already")
    #expect(try await bus.destroyGroup(stream: fixture.stream("never-made"), group: "own") == false)
    let gone = EventBusError.noSuchGroup(stream: stream, group: "own")
    await #expect(throws: gone) { try await bus.pending(stream: stream, group: "own") }
    await #expect(throws: gone) {
      try await bus.read(stream: stream, group: "own", consumer: "c", count: 1, block: nil)
    }
    // The entries and the other group are untouched; made again, the group starts afresh.
    #expect(try await bus.streamLength(stream) == 3)
    #expect(try await bus.groupLag(stream: stream, group: "other") == 3)
    try await bus.createGroup(stream: stream, group: "own", startAt: .beginning)
    #expect(try await bus.pending(stream: stream, group: "own").count == 0)
    #expect(try await bus.read(stream: stream, group: "own", consumer: "c", count: 10, block: nil).map(\.id) == ids)
  }

  static func missingGroupOrStreamIsAnError(_ makeFixture: EventBusFactory) async throws {
    let fixture = try await makeFixture()
    let (bus, stream, missingStream) = (fixture.bus, fixture.stream("signals"), fixture.stream("nowhere"))
    _ = try await bus.publish(to: stream, fields: ["k": "v"], trim: roomyTrim)
    let noGroup = EventBusError.noSuchGroup(stream: stream, group: "nope")
    await #expect(throws: noGroup) {
      try await bus.read(stream: stream, group: "nope", consumer: "c", count: 1, block: nil)
    }
    await #expect(throws: noGroup) {
      try await bus.claimIdle(stream: stream, group: "nope", consumer: "c", minIdle: .zero, count: 1)
    }
    await #expect(throws: noGroup) { try await bus.pending(stream: stream, group: "nope") }
    await #expect(throws: noGroup) { try await bus.groupLag(stream: stream, group: "nope") }
    await #expect(throws: EventBusError.noSuchStream(missingStream)) {
      try await bus.read(stream: missingStream, group: "g", consumer: "c", count: 1, block: .milliseconds(10))
    }
    #expect(try await bus.acknowledge(stream: stream, group: "nope", ids: [.zero]) == 0, "XACK: nothing to ack")
    #expect(try await bus.acknowledge(stream: missingStream, group: "g", ids: [.zero]) == 0)
  }

  static func invalidArgumentsAreRejected(_ makeFixture: EventBusFactory) async throws {
    let fixture = try await makeFixture()
    let (bus, stream) = (fixture.bus, fixture.stream("signals"))
    try await bus.createGroup(stream: stream, group: "g", startAt: .beginning)
    let calls: [(String, @Sendable () async throws -> Void)] = [
      ("no fields", { _ = try await bus.publish(to: stream, fields: [:], trim: roomyTrim) }),
      ("negative maxLength", { _ = try await bus.publish(to: stream, fields: ["k": "v"], trim: .maxLength(-1)) }),
      ("empty stream name", { _ = try await bus.publish(to: StreamName(""), fields: ["k": "v"], trim: roomyTrim) }),
      ("empty group", { try await bus.createGroup(stream: stream, group: "", startAt: .beginning) }),
      ("count 0", { _ = try await bus.read(stream: stream, group: "g", consumer: "c", count: 0, block: nil) }),
      ("empty consumer", { _ = try await bus.read(stream: stream, group: "g", consumer: "", count: 1, block: nil) }),
      (
        "negative block",
        { _ = try await bus.read(stream: stream, group: "g", consumer: "c", count: 1, block: .milliseconds(-1)) }
      ),
      (
        "negative minIdle",
        { _ = try await bus.claimIdle(stream: stream, group: "g", consumer: "c", minIdle: .seconds(-1), count: 1) }
      ),
    ]
    for (what, call) in calls {
      do {
        try await call()
        Issue.record("\(what) was accepted")
      } catch let error as EventBusError {
        if case .invalidArgument = error { continue }
        Issue.record("\(what): \(error), expected invalidArgument")
      }
    }
  }

  static func groupLagAndLengthReportTheBacklog(_ makeFixture: EventBusFactory) async throws {
    let fixture = try await makeFixture()
    let (bus, stream) = (fixture.bus, fixture.stream("signals"))
    _ = try await publishNumbered(5, to: stream, on: bus)
    try await bus.createGroup(stream: stream, group: "g", startAt: .beginning)
    #expect(try await bus.groupLag(stream: stream, group: "g") == 5)
    _ = try await bus.read(stream: stream, group: "g", consumer: "c", count: 2, block: nil)
    #expect(try await bus.groupLag(stream: stream, group: "g") == 3)
    #expect(try await bus.streamLength(stream) == 5, "reading does not remove entries")
  }

  static func concurrentPublishersLoseNothing(_ makeFixture: EventBusFactory) async throws {
    let fixture = try await makeFixture()
    let (bus, stream) = (fixture.bus, fixture.stream("ticks"))
    let (publishers, perPublisher) = (8, 1_000)
    let idsByPublisher = try await withThrowingTaskGroup(of: [StreamEntryID].self) { group in
      for publisher in 0..<publishers {
        group.addTask {
          var ids: [StreamEntryID] = []
          for number in 0..<perPublisher {
            let fields = ["publisher": String(publisher), "n": String(number)]
            ids.append(try await bus.publish(to: stream, fields: fields, trim: roomyTrim))
          }
          return ids
        }
      }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    for ids in idsByPublisher { #expect(ids == ids.sorted(), "one publisher's ids increase") }
    let allIDs = idsByPublisher.flatMap { $0 }
    #expect(Set(allIDs).count == publishers * perPublisher, "no id is handed out twice")
    #expect(try await bus.streamLength(stream) == publishers * perPublisher)

    try await bus.createGroup(stream: stream, group: "g", startAt: .beginning)
    let read = try await readAll(stream, group: "g", consumer: "c", on: bus, batch: 500)
    #expect(read.map(\.id) == allIDs.sorted(), "the stream holds every entry, ids strictly increasing")
  }

  static func closingWakesReadersAndRefusesCalls(_ makeFixture: EventBusFactory) async throws {
    let fixture = try await makeFixture()
    let (bus, stream) = (fixture.bus, fixture.stream("signals"))
    try await bus.createGroup(stream: stream, group: "g", startAt: .newOnly)
    let blockedRead = Task {
      try await bus.read(stream: stream, group: "g", consumer: "c", count: 1, block: .seconds(60))
    }
    try await Task.sleep(for: .milliseconds(50))
    let closing = ContinuousClock.now
    await bus.close()
    await #expect(throws: EventBusError.closed) { try await blockedRead.value }
    #expect(ContinuousClock.now - closing < .seconds(30), "close wakes the reader, not its timeout")
    await #expect(throws: EventBusError.closed) {
      try await bus.publish(to: stream, fields: ["k": "v"], trim: roomyTrim)
    }
  }
}
