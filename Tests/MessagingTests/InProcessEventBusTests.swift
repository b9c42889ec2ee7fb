import Messaging
import Synchronization
import Testing

/// A millisecond clock that moves only when told, so idle times and ages are exact in tests.
final class ManualMillisecondClock: Sendable {
  private let milliseconds: Mutex<Int64>

  init(startingAt milliseconds: Int64 = 1_700_000_000_000) {
    self.milliseconds = Mutex(milliseconds)
  }

  func now() -> Int64 { milliseconds.withLock { $0 } }

  func advance(by duration: Duration) {
    let (seconds, attoseconds) = duration.components
    milliseconds.withLock { $0 += seconds * 1_000 + attoseconds / 1_000_000_000_000_000 }
  }

  func set(_ value: Int64) { milliseconds.withLock { $0 = value } }
}

@Suite struct InProcessEventBusTests {
  static func makeFixture() -> EventBusFixture {
    let clock = ManualMillisecondClock()
    return EventBusFixture(
      bus: InProcessEventBus(nowMilliseconds: { clock.now() }),
      advanceTime: { clock.advance(by: $0) })
  }

  @Test(arguments: EventBusConformance.allChecks)
  func conformsToTheEventBusContract(_ check: ConformanceCheck) async throws {
    try await check.run { Self.makeFixture() }
  }

  @Test func idsFollowTheClockAndStayIncreasingWhenItGoesBack() async throws {
    let clock = ManualMillisecondClock(startingAt: 5_000)
    let bus = InProcessEventBus(nowMilliseconds: { clock.now() })
    let stream = StreamName("s")
    let first = try await bus.publish(to: stream, fields: ["k": "v"])
    let sameMillisecond = try await bus.publish(to: stream, fields: ["k": "v"])
    clock.set(4_000)
    let afterClockWentBack = try await bus.publish(to: stream, fields: ["k": "v"])
    clock.set(6_000)
    let later = try await bus.publish(to: stream, fields: ["k": "v"])
    #expect(
      [first, sameMillisecond, afterClockWentBack, later].map(\.description) == [
        "5000-0", "5000-1", "5000-2", "6000-0",
      ])
  }

  @Test func trimsExactlyToTheBound() async throws {
    let clock = ManualMillisecondClock()
    let bus = InProcessEventBus(nowMilliseconds: { clock.now() })
    let stream = StreamName("ticks")
    let ids = try await EventBusConformance.publishNumbered(1_000, to: stream, on: bus, trim: .maxLength(10))
    #expect(try await bus.streamLength(stream) == 10)

    clock.advance(by: .seconds(2))
    let recent = try await EventBusConformance.publishNumbered(3, to: stream, on: bus, trim: .maxAge(.seconds(1)))
    #expect(try await bus.streamLength(stream) == 3)
    try await bus.createGroup(stream: stream, group: "g", startAt: .beginning)
    let remaining = try await EventBusConformance.readAll(stream, group: "g", consumer: "c", on: bus)
    #expect(remaining.map(\.id) == recent)
    #expect(recent.allSatisfy { $0 > ids.last! })
  }

  @Test func claimDropsPendingEntriesThatWereTrimmed() async throws {
    let clock = ManualMillisecondClock()
    let bus = InProcessEventBus(nowMilliseconds: { clock.now() })
    let stream = StreamName("signals")
    try await bus.createGroup(stream: stream, group: "g", startAt: .beginning)
    _ = try await EventBusConformance.publishNumbered(3, to: stream, on: bus)
    _ = try await bus.read(stream: stream, group: "g", consumer: "dead", count: 3, block: nil)
    let survivor = try await bus.publish(to: stream, fields: ["n": "3"], trim: .maxLength(2))
    _ = try await bus.read(stream: stream, group: "g", consumer: "dead", count: 3, block: nil)
    clock.advance(by: .seconds(1))

    let claimed = try await bus.claimIdle(stream: stream, group: "g", consumer: "alive", minIdle: .zero, count: 10)
    #expect(claimed.map { $0.fields["n"] } == ["2", "3"])
    #expect(claimed.last?.id == survivor)
    #expect(try await bus.pending(stream: stream, group: "g").count == 2, "the trimmed entries left the pending list")
  }

  @Test func cancellingABlockedReadEndsItAndLeavesTheBusWorking() async throws {
    let bus = InProcessEventBus()
    let stream = StreamName("signals")
    try await bus.createGroup(stream: stream, group: "g", startAt: .newOnly)
    let blockedRead = Task {
      try await bus.read(stream: stream, group: "g", consumer: "c", count: 1, block: .seconds(30))
    }
    try await Task.sleep(for: .milliseconds(50))
    blockedRead.cancel()
    await #expect(throws: CancellationError.self) { try await blockedRead.value }

    let id = try await bus.publish(to: stream, fields: ["k": "v"])
    #expect(try await bus.read(stream: stream, group: "g", consumer: "c", count: 1, block: nil).map(\.id) == [id])
  }

  @Test func manyBlockedReadersAllWakeOrTimeOut() async throws {
    let bus = InProcessEventBus()
    let stream = StreamName("fills")
    try await bus.createGroup(stream: stream, group: "g", startAt: .newOnly)
    let readers = 50
    async let deliveredCounts = withThrowingTaskGroup(of: Int.self) { group in
      for reader in 0..<readers {
        group.addTask {
          try await bus.read(stream: stream, group: "g", consumer: "c\(reader)", count: 1, block: .milliseconds(500))
            .count
        }
      }
      return try await group.reduce(0, +)
    }
    try await Task.sleep(for: .milliseconds(50))
    _ = try await EventBusConformance.publishNumbered(10, to: stream, on: bus)
    #expect(try await deliveredCounts == 10, "each entry reaches exactly one of the readers; the rest time out")
  }
}
