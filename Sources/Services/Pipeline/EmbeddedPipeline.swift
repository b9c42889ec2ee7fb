import Broker
import Messaging
import TradingCore

/// The whole trading pipeline in one process (DESIGN.md §1, §3): tick ingestion and pattern
/// engine → `signals:global` → strategy engine → `orders:decisions` → execution on the paper
/// broker → `orders:fills` → portfolio, wired only through the `EventBus` and the
/// `PipelineStore`, so that the Redis bus and the SQL store can take their places.
///
/// `run(ticks:)` restores the broker's and the portfolio's accounts from the stored fills,
/// starts the consumers, ingests the ticks, and when the ticks end or its task is cancelled,
/// lets each stage drain what is waiting for it — strategy, then execution, then portfolio —
/// before it returns. Run it once per instance.
public final class EmbeddedPipeline: Sendable {
  /// Everything that can be tuned; the defaults suit a demo run.
  public struct Configuration: Sendable {
    public var startingCash: Money
    /// Commission, slippage and latency of the paper broker.
    public var broker: SimulatedBroker.Configuration
    /// Seeds the ids of the pattern engine's signals.
    public var patternSeed: UInt64
    /// The pattern engine's periods, weights and signal threshold.
    public var patternScoring: PatternScoring
    public var decisions: DecisionPipeline
    /// How long a tick may arrive behind its symbol's newest before it is rejected.
    public var outOfOrderToleranceNanoseconds: Int64
    public var batchSize: Int
    public var block: Duration
    public var reclaimAfterIdle: Duration
    public var reclaimEvery: Duration
    /// Bar length of the direction model's features, attached to signals; nil attaches none.
    public var featureBarSeconds: Int?
    /// Views from outside the core that the strategy asks before each decision.
    public var forecasters: [any Forecaster]
    /// A broker that keeps its own books (over MCP) to execute on instead of the paper broker,
    /// reconciled with the store at start and every `reconcileEvery`.
    public var remoteBroker: (any ReconcilableBroker)?
    public var reconcileEvery: Duration
    /// Where each stored signal is also kept for the API's listing; nil keeps none.
    public var recentSignals: RecentSignals?

    public init(
      startingCash: Money = 100_000,
      broker: SimulatedBroker.Configuration = SimulatedBroker.Configuration(
        commission: CommissionModel(rate: Fixed(0.0005)), slippage: SlippageModel(basisPoints: 1)),
      patternSeed: UInt64 = 1, patternScoring: PatternScoring = PatternScoring(),
      decisions: DecisionPipeline = DecisionPipeline(),
      outOfOrderToleranceNanoseconds: Int64 = 0, batchSize: Int = 100, block: Duration = .milliseconds(50),
      reclaimAfterIdle: Duration = .seconds(30), reclaimEvery: Duration = .seconds(5),
      featureBarSeconds: Int? = nil, forecasters: [any Forecaster] = [],
      remoteBroker: (any ReconcilableBroker)? = nil, reconcileEvery: Duration = .seconds(30),
      recentSignals: RecentSignals? = nil
    ) {
      self.recentSignals = recentSignals
      self.remoteBroker = remoteBroker
      self.reconcileEvery = reconcileEvery
      self.featureBarSeconds = featureBarSeconds
      self.forecasters = forecasters
      self.startingCash = startingCash
      self.broker = broker
      self.patternSeed = patternSeed
      self.patternScoring = patternScoring
      self.decisions = decisions
      self.outOfOrderToleranceNanoseconds = outOfOrderToleranceNanoseconds
      self.batchSize = batchSize
      self.block = block
      self.reclaimAfterIdle = reclaimAfterIdle
      self.reclaimEvery = reclaimEvery
    }

    func reading(_ stream: StreamName, group: String) -> BusConsumer {
      BusConsumer(
        stream: stream, group: group, consumer: "\(group)-1", batchSize: batchSize, block: block,
        reclaimAfterIdle: reclaimAfterIdle, reclaimEvery: reclaimEvery)
    }
  }

  public let bus: any EventBus
  public let store: any PipelineStore
  public let hub: EventHub
  public let broker: PaperBroker
  public let portfolio: PortfolioService
  public let ingestor: TickIngestor
  public let strategy: StrategyEngine
  public let execution: ExecutionService
  /// Keeps the store in agreement with the remote broker, when there is one.
  public let reconciler: BrokerReconciler?

  public init(
    store: any PipelineStore, bus: any EventBus = InProcessEventBus(), hub: EventHub = EventHub(),
    metrics: any PipelineMetrics = NoPipelineMetrics(), configuration: Configuration = Configuration()
  ) {
    self.bus = bus
    self.store = store
    self.hub = hub
    broker = PaperBroker(cash: configuration.startingCash, configuration: configuration.broker)
    portfolio = PortfolioService(
      startingCash: configuration.startingCash, bus: bus, store: store, hub: hub,
      reading: configuration.reading(.orderFills, group: "portfolio"))
    ingestor = TickIngestor(
      quoteReceivers: [broker, portfolio], bus: bus, store: store, hub: hub, metrics: metrics,
      patternEngine: PatternEngine(scoring: configuration.patternScoring, seed: configuration.patternSeed),
      validator: TickValidator(outOfOrderToleranceNanoseconds: configuration.outOfOrderToleranceNanoseconds),
      featureBarSeconds: configuration.featureBarSeconds, preparing: configuration.forecasters,
      recentSignals: configuration.recentSignals)
    strategy = StrategyEngine(
      portfolio: portfolio, bus: bus, store: store, hub: hub, metrics: metrics, pipeline: configuration.decisions,
      reading: configuration.reading(.signals, group: "strategy"), forecasters: configuration.forecasters)
    reconciler = configuration.remoteBroker.map { BrokerReconciler(broker: $0, store: store, bus: bus, hub: hub) }
    execution = ExecutionService(
      broker: configuration.remoteBroker ?? broker, bus: bus, store: store, hub: hub, metrics: metrics,
      reading: configuration.reading(.orderDecisions, group: "execution"), reconciler: reconciler)
    reconcileEvery = configuration.reconcileEvery
  }

  private let reconcileEvery: Duration

  /// The components `/api/status` lists: the reconciled remote broker in the paper broker's place.
  public var healthReporters: [any HealthReporting] {
    [ingestor, strategy, execution, portfolio, reconciler ?? broker]
  }

  /// Rebuilds the broker's and the portfolio's accounts from the stored fills.
  public func restoreAccounts() async throws {
    try await Self.restoreAccounts(broker: broker, portfolio: portfolio, from: store)
  }

  /// Rebuilds `broker`'s and `portfolio`'s accounts from the fills in `store`, oldest first.
  static func restoreAccounts(
    broker: PaperBroker, portfolio: PortfolioService, from store: any PipelineStore
  ) async throws {
    let fills = try await store.allFills()
    await broker.restore(fills: fills.map(\.fill))
    await portfolio.restore(fills: fills)
  }

  /// Restores (unless `restoring` is false because `restoreAccounts()` already ran), runs
  /// until `ticks` end or the task is cancelled, drains, and returns.
  public func run<Ticks: AsyncSequence & Sendable>(
    ticks: Ticks, restoring: Bool = true
  ) async throws where Ticks.Element == Tick {
    if restoring { try await restoreAccounts() }
    // Unstructured, so that cancelling `run` stops the source but not the draining consumers.
    let strategy = Task { try await self.strategy.run() }
    let execution = Task { try await self.execution.run() }
    let portfolio = Task { try await self.portfolio.run() }
    let reconciling = reconciler.map { reconciler in Task { await reconciler.run(every: reconcileEvery) } }
    defer { reconciling?.cancel() }
    var failure: (any Error)?
    do {
      try await ingestor.run(ticks)
    } catch {
      failure = error
    }
    // Each stage stops once empty, after the stage that feeds it has stopped publishing.
    await self.strategy.finish()
    let strategyResult = await strategy.result
    await self.execution.finish()
    let executionResult = await execution.result
    await self.portfolio.finish()
    let portfolioResult = await portfolio.result
    if let failure = failure ?? strategyResult.failure ?? executionResult.failure ?? portfolioResult.failure {
      throw failure
    }
  }
}

extension Result {
  /// The error, when this is a failure.
  fileprivate var failure: Failure? {
    if case .failure(let error) = self { return error }
    return nil
  }
}
