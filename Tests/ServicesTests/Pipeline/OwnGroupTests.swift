import Messaging
import Synchronization
import Testing
import TradingCore

@testable import Services

/// A process's own consumer groups (a follower of every tick) leave the bus with it when it
/// stops as asked; shared groups stay for the next process.
@Suite struct OwnGroupTests {
  /// Counts the ticks handed to it.
  final class TickCounter: QuoteReceiving {
    private let count = Mutex(0)
    var received: Int { count.withLock { $0 } }
    func receive(_ tick: Tick) async { count.withLock { $0 += 1 } }
  }

  /// Notes, as each tick is handed to it, how many entries its follower's group has pending.
  final class PendingWatcher: QuoteReceiving {
    let bus: any EventBus
    let group: String
    private let seen = Mutex<[Int]>([])
    var pendingSeen: [Int] { seen.withLock { $0 } }

    init(bus: any EventBus, group: String) {
      self.bus = bus
      self.group = group
    }

    func receive(_ tick: Tick) async {
      let pending = (try? await bus.pending(stream: .ticks, group: group).count) ?? -1
      seen.withLock { $0.append(pending) }
    }
  }

  @Test func aTickFollowerLeavesNothingPendingWhileItHandsTicksOn() async throws {
    let bus = InProcessEventBus()
    let ticks = Array(PipelineFixture.market(count: 30))
    _ = try await bus.publish(to: .ticks, entries: ticks.map(\.busFields), trim: .maxLength(1_000))
    let watcher = PendingWatcher(bus: bus, group: "ticks-test-2")
    let follower = TickFollower(bus: bus, receivers: [watcher], group: "ticks-test-2", block: .milliseconds(5))
    let following = Task { try await follower.run() }
    #expect(await PipelineFixture.eventually { watcher.pendingSeen.count == 30 })
    #expect(watcher.pendingSeen == Array(repeating: 0, count: 30), "ticks are acknowledged as they are delivered")
    await follower.finish()
    try await following.value
  }

  @Test func aTickFollowerThatStopsRemovesItsGroupAndASharedConsumerKeepsItsOwn() async throws {
    let bus = InProcessEventBus()
    let ticks = Array(PipelineFixture.market(count: 50))
    _ = try await bus.publish(to: .ticks, entries: ticks.map(\.busFields), trim: .maxLength(1_000))
    let counter = TickCounter()
    let follower = TickFollower(bus: bus, receivers: [counter], group: "ticks-test-1", block: .milliseconds(5))
    let following = Task { try await follower.run() }
    #expect(await PipelineFixture.eventually { counter.received == 50 })
    #expect(try await bus.groupLag(stream: .ticks, group: "ticks-test-1") == 0)
    await follower.finish()
    try await following.value
    await #expect(throws: EventBusError.noSuchGroup(stream: .ticks, group: "ticks-test-1")) {
      try await bus.groupLag(stream: .ticks, group: "ticks-test-1")
    }
    #expect(try await bus.streamLength(.ticks) == 50, "the ticks stay for the other processes")

    // A shared group (the strategy engines' on signals) outlives the consumer that stops.
    let shared = BusConsumer(stream: .signals, group: "strategy", consumer: "strategy-1", block: .milliseconds(5))
    let stop = Mutex(false)
    let reading = Task {
      try await shared.run(on: bus, shouldStop: { stop.withLock { $0 } }, handleBatch: { $0.map(\.id) })
    }
    #expect(await PipelineFixture.eventually { (try? await bus.groupLag(stream: .signals, group: "strategy")) == 0 })
    stop.withLock { $0 = true }
    try await reading.value
    #expect(try await bus.groupLag(stream: .signals, group: "strategy") == 0)
  }
}
