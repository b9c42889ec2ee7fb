import Messaging
import Testing
import TradingCore

@testable import Services

@Suite struct StrategyRedeliveryTests {
  static let signal = Signal(
    id: TimeSortableID(high: 0x0197_0000_0000_0001, low: 42), symbol: "AAPL", score: 0.9,
    timestamp: PipelineFixture.start, source: "pattern_engine", meta: ["volatility": 0.01])

  struct Rig {
    let clock = ManualMillisecondClock()
    let bus: InProcessEventBus
    let store = InMemoryPipelineStore()
    let hub = EventHub()
    let portfolio: PortfolioService

    init() async {
      let clock = clock
      bus = InProcessEventBus(nowMilliseconds: { clock.now })
      portfolio = PortfolioService(startingCash: 100_000, bus: bus, store: store, hub: hub)
      portfolio.mark(Tick(symbol: "AAPL", timestamp: PipelineFixture.start, bid: 100, ask: Fixed(100.02)))
    }

    /// Runs a fresh strategy engine (no memory of earlier decisions) until the stream is drained.
    func drainWithNewEngine(consumer: String) async throws {
      let engine = StrategyEngine(
        portfolio: portfolio, bus: bus, store: store, hub: hub,
        reading: BusConsumer(
          stream: .signals, group: "strategy", consumer: consumer, block: .milliseconds(5),
          reclaimAfterIdle: .seconds(30)))
      await engine.finish()
      try await engine.run()
    }
  }

  @Test func aSignalPublishedTwiceMakesOneOrder() async throws {
    let rig = await Rig()
    _ = try await rig.bus.publish(to: .signals, fields: Self.signal.busFields)
    _ = try await rig.bus.publish(to: .signals, fields: Self.signal.busFields)
    try await rig.drainWithNewEngine(consumer: "strategy-1")
    #expect(await rig.store.orders.keys.sorted() == [OrderID(signal: Self.signal.id)])
    #expect(try await rig.bus.streamLength(.orderDecisions) == 1)
    #expect(try await rig.bus.pending(stream: .signals, group: "strategy").count == 0)
  }

  @Test func anEntryLeftPendingByADeadConsumerIsReclaimedAndDecidedOnce() async throws {
    let rig = await Rig()
    try await rig.bus.createGroup(stream: .signals, group: "strategy", startAt: .beginning)
    _ = try await rig.bus.publish(to: .signals, fields: Self.signal.busFields)
    let taken = try await rig.bus.read(stream: .signals, group: "strategy", consumer: "dead", count: 10, block: nil)
    #expect(taken.count == 1)

    // Not idle long enough yet: the entry stays with the dead consumer.
    try await rig.drainWithNewEngine(consumer: "strategy-1")
    #expect(await rig.store.orders.isEmpty)
    #expect(try await rig.bus.pending(stream: .signals, group: "strategy").consumers == ["dead": 1])

    rig.clock.advance(by: 60_000)
    try await rig.drainWithNewEngine(consumer: "strategy-1")
    #expect(await rig.store.orders.count == 1)
    #expect(try await rig.bus.pending(stream: .signals, group: "strategy").count == 0)

    // Delivered again to an engine that remembers nothing while the order is still `new` (an
    // earlier run may have stopped before publishing it): one order, its decision published again.
    _ = try await rig.bus.publish(to: .signals, fields: Self.signal.busFields)
    try await rig.drainWithNewEngine(consumer: "strategy-2")
    #expect(await rig.store.orders.count == 1)
    #expect(try await rig.bus.streamLength(.orderDecisions) == 2)

    // Once execution has moved the order on, a further delivery publishes nothing.
    var filled = Order(decision: try #require(await rig.store.orders.values.first?.decision))
    filled.status = .filled
    await rig.store.updateOrder(filled, fills: [])
    _ = try await rig.bus.publish(to: .signals, fields: Self.signal.busFields)
    try await rig.drainWithNewEngine(consumer: "strategy-3")
    #expect(await rig.store.orders.count == 1)
    #expect(try await rig.bus.streamLength(.orderDecisions) == 2)
  }

  @Test func aMalformedSignalIsAcknowledgedAndCounted() async throws {
    let rig = await Rig()
    _ = try await rig.bus.publish(to: .signals, fields: ["id": "nonsense"])
    let engine = StrategyEngine(portfolio: rig.portfolio, bus: rig.bus, store: rig.store, hub: rig.hub)
    await engine.finish()
    try await engine.run()
    let health = await engine.health()
    #expect(health.details["malformed_messages"] == 1)
    #expect(health.status == .degraded)
    #expect(try await rig.bus.pending(stream: .signals, group: "strategy").count == 0)
  }
}
