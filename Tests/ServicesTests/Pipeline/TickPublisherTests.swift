import Messaging
import Services
import Testing
import TradingCore

/// The pattern engine's `ticks` publisher: every tick in order, or, conflating, the newest tick
/// of each symbol once per interval.
@Suite struct TickPublisherTests {
  static func published(on bus: InProcessEventBus) async throws -> [Tick] {
    try await bus.createGroup(stream: .ticks, group: "check", startAt: .beginning)
    return try await bus.read(stream: .ticks, group: "check", consumer: "c", count: 100_000, block: nil).map {
      try Tick(busFields: $0.fields)
    }
  }

  @Test(.timeLimit(.minutes(1))) func everyTickInOrderWithoutConflation() async throws {
    let bus = InProcessEventBus()
    let publisher = TickPublisher(bus: bus)
    let ticks = Array(PipelineFixture.market(count: 5_000))
    for tick in ticks { publisher.receive(tick) }
    #expect(await PipelineFixture.eventually { publisher.counts.published == ticks.count })
    #expect(try await Self.published(on: bus) == ticks)
    #expect(publisher.counts.conflated == 0)
  }

  @Test(.timeLimit(.minutes(1))) func conflationSendsTheNewestTickOfEachSymbolPerInterval() async throws {
    let bus = InProcessEventBus()
    let publisher = TickPublisher(bus: bus, conflation: .milliseconds(20))
    let ticks = Array(PipelineFixture.market(count: 1_000))
    // All at once: well inside one interval, so one tick per symbol goes out, the newest.
    for tick in ticks { publisher.receive(tick) }
    #expect(await PipelineFixture.eventually { publisher.counts.published == PipelineFixture.symbols.count })
    let newest = Dictionary(ticks.map { ($0.symbol, $0) }) { _, later in later }
    let sent = try await Self.published(on: bus)
    #expect(sent.count == PipelineFixture.symbols.count)
    #expect(Dictionary(uniqueKeysWithValues: sent.map { ($0.symbol, $0) }) == newest)
    #expect(sent.map(\.timestamp) == sent.map(\.timestamp).sorted(), "oldest first")
    #expect(publisher.counts.conflated == ticks.count - PipelineFixture.symbols.count)

    // A later tick goes out in a later interval.
    var later = ticks[0]
    later.timestamp = ticks.last!.timestamp.adding(seconds: 1)
    publisher.receive(later)
    #expect(await PipelineFixture.eventually { publisher.counts.published == PipelineFixture.symbols.count + 1 })
  }
}
