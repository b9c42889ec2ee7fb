import Messaging
import Persistence
import Services
import Synchronization
import Testing
import TradingCore

/// The pattern engine settles its signals beside the ticks: every signal is stored, then
/// published, in the order found; a store that refuses for a while delays signals without
/// holding up the ticks or losing any; and `run` returns only once every signal is settled.
@Suite struct SignalSettlementTests {
  /// The in-memory store, refusing signal writes while `refusing` is set, and noting which
  /// signals were stored when (to check that none is published before it is stored).
  final class FlakyStore: PipelineStore {
    let base = InMemoryPipelineStore()
    let refusing = Atomic(false)
    let refusals = Atomic(0)
    let storedInOrder = Mutex<[TimeSortableID]>([])

    struct Refused: Error {}

    func insertSignal(_ signal: Signal) async throws { try await insertSignals([signal]) }
    func insertSignals(_ signals: [Signal]) async throws {
      if refusing.load(ordering: .acquiring) {
        refusals.add(1, ordering: .relaxed)
        throw Refused()
      }
      for signal in signals { await base.insertSignal(signal) }
      storedInOrder.withLock { $0 += signals.map(\.id) }
    }
    func insertOrderIfAbsent(_ decision: OrderDecision) async throws -> Bool {
      await base.insertOrderIfAbsent(decision)
    }
    func orderStatus(_ id: OrderID) async throws -> Order.Status? { await base.orderStatus(id) }
    func updateOrder(_ order: Order, fills: [FillRecord]) async throws { await base.updateOrder(order, fills: fills) }
    func insertFill(_ fill: FillRecord) async throws -> Bool { await base.insertFill(fill) }
    func orderProgress(_ id: OrderID) async throws -> OrderProgress? { await base.orderProgress(id) }
    func insertTransitions(_ transitions: [OrderTransition]) async throws {
      await base.insertTransitions(transitions)
    }
    func openOrderIDs() async throws -> [OrderID] { await base.openOrderIDs() }
    func upsertPosition(_ position: PositionRecord) async throws { await base.upsertPosition(position) }
    func insertPortfolioSnapshot(_ snapshot: PortfolioSnapshot) async throws {
      await base.insertPortfolioSnapshot(snapshot)
    }
    func allFills() async throws -> [FillRecord] { await base.allFills() }
    func storedPositions() async throws -> [PositionRecord] { await base.storedPositions() }
  }

  @Test(.timeLimit(.minutes(1))) func everySignalIsStoredThenPublishedInOrderThroughAnOutage() async throws {
    let store = FlakyStore()
    store.refusing.store(true, ordering: .releasing)
    let bus = InProcessEventBus()
    let ingestor = TickIngestor(
      quoteReceivers: [], bus: bus, store: store, hub: EventHub(), patternEngine: PatternEngine(seed: 7),
      unsettledLimit: 1_000_000)
    let ticks = Array(PipelineFixture.market(count: 20_000))
    // Ingesting goes on while the store refuses: the ticks do not wait for the signals.
    for tick in ticks.prefix(10_000) { try await ingestor.ingest(tick) }
    #expect(await ingestor.counts.accepted == 10_000)
    #expect(await PipelineFixture.eventually { store.refusals.load(ordering: .relaxed) >= 2 })
    #expect(try await bus.streamLength(.signals) == 0, "nothing is published before it is stored")
    store.refusing.store(false, ordering: .releasing)
    try await ingestor.run(PipelineFixture.asFastAsPossible(Array(ticks.dropFirst(10_000))))

    // `run` returned: every signal found is stored and published, in the order found.
    let found = await ingestor.counts.signals
    #expect(found > 0)
    let stored = store.storedInOrder.withLock { $0 }
    #expect(stored.count == found)
    #expect(stored == stored.sorted(), "the engine's ids rise in the order found")
    try await bus.createGroup(stream: .signals, group: "check", startAt: .beginning)
    let published = try await bus.read(stream: .signals, group: "check", consumer: "c", count: found + 10, block: nil)
      .map { try Signal(busFields: $0.fields).id }
    #expect(published == stored)
  }
}
