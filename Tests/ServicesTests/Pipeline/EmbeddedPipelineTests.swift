import Broker
import Messaging
import Synchronization
import Testing
import TradingCore

@testable import Services

@Suite struct EmbeddedPipelineTests {
  static let startingCash: Money = 100_000

  /// Records the feature rows the pattern engine tells of, and, for each signal asked about,
  /// whether its row was told before; answers 0.25 for a row told before.
  final class RowWatcher: Forecaster {
    let factor = "ml"
    private let prepared = Mutex<[String: Set<[Double]>]>([:])
    private let asked = Mutex((toldBefore: 0, notTold: 0))

    var counts: (toldBefore: Int, notTold: Int) { asked.withLock { $0 } }

    func prepare(features row: [Double], of symbol: String) {
      prepared.withLock { _ = $0[symbol, default: []].insert(row) }
    }

    nonisolated(nonsending) func forecast(for signal: Signal) async -> Double? {
      guard let row = DirectionFeatures.row(fromMeta: signal.meta) else { return nil }
      let told = prepared.withLock { $0[signal.symbol]?.contains(row) ?? false }
      asked.withLock { told ? ($0.toldBefore += 1) : ($0.notTold += 1) }
      return told ? 0.25 : nil
    }
  }

  @Test func eachSignalsFeatureRowIsToldToTheForecastersBeforeTheSignalIsDecided() async throws {
    let store = InMemoryPipelineStore()
    let watcher = RowWatcher()
    let pipeline = EmbeddedPipeline(
      store: store, configuration: .init(featureBarSeconds: 1, forecasters: [watcher]))
    try await pipeline.run(ticks: PipelineFixture.asFastAsPossible(PipelineFixture.market(count: 10_000)))
    let withFeatures = await store.signals.values.filter { DirectionFeatures.row(fromMeta: $0.meta) != nil }.count
    #expect(withFeatures > 100)
    #expect(watcher.counts.toldBefore == withFeatures)
    #expect(watcher.counts.notTold == 0)
    // Its answer reaches the decisions: technical and ML answered (weights 0.5 and 0.3 of the
    // standard alpha; sentiment gave nothing), so the ML factor contributes 0.3 / 0.8 × 0.25.
    let orders = await store.orders.values.filter { $0.decision.signalID != nil }
    #expect(!orders.isEmpty)
    for order in orders {
      let signal = try #require(await store.signals[order.decision.signalID!])
      if DirectionFeatures.row(fromMeta: signal.meta) != nil {
        #expect(order.decision.meta["factor.ml"] == 0.3 / 0.8 * 0.25)
      } else {
        #expect(order.decision.meta["factor.ml"] == nil)
      }
    }
  }

  @Test func everyOrderTracesToOneSignalAndTheBooksReconcileExactly() async throws {
    let store = InMemoryPipelineStore()
    let pipeline = EmbeddedPipeline(store: store)
    try await pipeline.run(ticks: PipelineFixture.asFastAsPossible(PipelineFixture.market(count: 20_000)))

    let signals = await store.signals
    let orders = await store.orders
    let fills = await store.fills
    #expect(signals.count > 100)
    #expect(orders.count > 10)
    #expect(fills.count > 10)
    var ordersPerSignal: [TimeSortableID: Int] = [:]
    for (id, order) in orders {
      let signalID = try #require(order.decision.signalID)
      #expect(signals[signalID] != nil)
      #expect(id == OrderID(signal: signalID))
      ordersPerSignal[signalID, default: 0] += 1
    }
    #expect(ordersPerSignal.values.allSatisfy { $0 == 1 })
    // An order fills whole, or fills the part that closes a position and has the rest rejected.
    #expect(fills.allSatisfy { [.filled, .rejected].contains(orders[$0.fill.orderID]?.status) })
    #expect(Set(fills.map(\.id)).count == fills.count)

    var cash = Self.startingCash
    var positions: [String: Quantity] = [:]
    for record in fills {
      cash -= record.fill.signedQuantity * record.fill.price + record.fill.commission
      positions[record.fill.symbol, default: .zero] += record.fill.signedQuantity
    }
    positions = positions.filter { !$0.value.isZero }
    let portfolio = pipeline.portfolio.portfolio
    let account = await pipeline.broker.account()
    #expect(portfolio.cash == cash)
    #expect(account.cash == cash)
    #expect(portfolio.positions.compactMapValues { $0.isFlat ? nil : $0.quantity } == positions)
    #expect(account.positions == positions)
    #expect(await store.positions.mapValues(\.quantity).filter { !$0.value.isZero } == positions)
    #expect(await store.snapshots.last?.cash == cash)
    // The strategy's context, kept beside the books, is the books' own.
    let (booked, marks, _) = pipeline.portfolio.valuation
    let moment = PipelineFixture.start.adding(seconds: 86_400)
    #expect(
      pipeline.portfolio.strategyContext(at: moment)
        == StrategyContext(portfolio: booked, marks: marks, timestamp: moment))
    for group in ["strategy", "execution", "portfolio"] {
      let stream: StreamName = ["strategy": .signals, "execution": .orderDecisions, "portfolio": .orderFills][group]!
      #expect(try await pipeline.bus.pending(stream: stream, group: group).count == 0)
      #expect(try await pipeline.bus.groupLag(stream: stream, group: group) == 0)
    }
  }

  @Test func invalidTicksAreRejectedAndCountedAndThePipelineGoesOn() async throws {
    var ticks = Array(PipelineFixture.market(count: 3_000))
    let late = ticks[100]
    ticks.insert(Tick(symbol: "AAPL", timestamp: late.timestamp, bid: -1, ask: 5), at: 500)
    ticks.insert(Tick(symbol: "MSFT", timestamp: ticks[600].timestamp, bid: 10, ask: 9), at: 600)
    ticks.insert(Tick(symbol: "bad symbol", timestamp: ticks[700].timestamp, bid: 1, ask: 2), at: 700)
    ticks.insert(late, at: 800)
    let pipeline = EmbeddedPipeline(store: InMemoryPipelineStore())
    try await pipeline.run(ticks: PipelineFixture.asFastAsPossible(ticks))
    let counts = await pipeline.ingestor.counts
    #expect(counts.accepted == 3_000)
    #expect(
      counts.rejected == ["non_positive_price": 1, "ask_below_bid": 1, "malformed_symbol": 1, "out_of_order": 1])
    #expect(counts.signals > 0)
    let health = await pipeline.ingestor.health()
    #expect(health.details["ticks_rejected"] == 4)
  }

  @Test func aRestartedPipelineRebuildsThePortfolioAndTheBrokerFromTheStore() async throws {
    let store = InMemoryPipelineStore()
    let first = EmbeddedPipeline(store: store)
    try await first.run(ticks: PipelineFixture.asFastAsPossible(PipelineFixture.market(count: 8_000)))
    #expect(await !store.fills.isEmpty)

    let second = EmbeddedPipeline(store: store)
    try await second.run(ticks: PipelineFixture.asFastAsPossible([Tick]()))
    #expect(second.portfolio.portfolio == first.portfolio.portfolio)
    #expect(await second.broker.portfolio == first.broker.portfolio)
    let before = await first.broker.account()
    let after = await second.broker.account()
    #expect(after.cash == before.cash)
    #expect(after.positions == before.positions)
  }

  @Test func cancellingStopsTheSourceAndDrainsTheConsumers() async throws {
    let pipeline = EmbeddedPipeline(store: InMemoryPipelineStore())
    let endless = PacedTicks(
      PipelineFixture.market(count: nil), pacing: .ticksPerSecond(20_000), clock: ContinuousClock())
    let running = Task { try await pipeline.run(ticks: endless) }
    // Started is enough: a few hundred ticks, however busy the machine is.
    let started = await PipelineFixture.eventually(within: .seconds(60)) {
      await pipeline.ingestor.counts.accepted >= 500
    }
    #expect(started)
    running.cancel()
    try await running.value
    for (stream, group) in [
      (StreamName.signals, "strategy"), (.orderDecisions, "execution"), (.orderFills, "portfolio"),
    ] {
      #expect(try await pipeline.bus.groupLag(stream: stream, group: group) == 0)
      #expect(try await pipeline.bus.pending(stream: stream, group: group).count == 0)
    }
    #expect(await pipeline.strategy.health().running == false)
  }
}
