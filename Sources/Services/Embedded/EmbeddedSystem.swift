import Foundation
import Hummingbird
import Inference
import Logging
import Messaging
import Persistence
import ServiceLifecycle
import TradingCore

/// The whole system in one process (`aitrader run`): the event bus (in-process, or Redis
/// Streams with `REDIS_URL`), the store (SQLite under the data directory, or PostgreSQL with
/// `DATABASE_URL`), the paper broker, the pipeline, and the API with its WebSocket and metrics.
///
/// On SIGTERM or SIGINT it stops the tick source, lets each stage drain what is waiting, closes
/// WebSocket clients with 1001, stops the HTTP server and closes the store.
public struct EmbeddedSystem: Sendable {
  public let configuration: AITraderConfiguration
  let logger: Logger

  public init(configuration: AITraderConfiguration) {
    self.configuration = configuration
    logger = configuration.logger(label: "aitrader")
  }

  /// Runs until a shutdown signal (or, with `onServerRunning`, until the caller cancels).
  ///
  /// - Parameters:
  ///   - onModelServerRunning: called with the ONNX runner's bound port.
  ///   - onSentimentServerRunning: called with FinBERT's and the sentiment engine's bound ports.
  public func run(
    onServerRunning: @escaping @Sendable (_ port: Int?) async -> Void = { _ in },
    onModelServerRunning: @escaping @Sendable (_ port: Int?) async -> Void = { _ in },
    onSentimentServerRunning: @escaping @Sendable (SentimentServer, _ port: Int?) async -> Void = { _, _ in }
  ) async throws {
    let ticks = try configuration.replayPath.map(TickFeeds.replay(path:))
    let backends = try await Backends.open(configuration, logger: logger)
    do {
      let group = try await makeServiceGroup(
        backends: backends, replay: ticks, onServerRunning: onServerRunning,
        onModelServerRunning: onModelServerRunning, onSentimentServerRunning: onSentimentServerRunning)
      try await group.run()
    } catch {
      try? await backends.close()
      throw error
    }
    try await backends.close()
  }

  /// Everything `run` starts; the accounts are restored from the store before the API can
  /// answer, so the first request after a restart already sees every position.
  func makeServiceGroup(
    backends: Backends, replay: [Tick]?, onServerRunning: @escaping @Sendable (_ port: Int?) async -> Void,
    onModelServerRunning: @escaping @Sendable (_ port: Int?) async -> Void = { _ in },
    onSentimentServerRunning: @escaping @Sendable (SentimentServer, _ port: Int?) async -> Void = { _, _ in }
  ) async throws -> ServiceGroup {
    let metrics = AITraderMetrics()
    let hub = EventHub()
    let (bus, store) = (backends.bus, backends.store)
    // The ONNX runner lives in-process unless the strategy is pointed at a remote one.
    let runner =
      configuration.predictorURL == nil ? await OnnxRunner.start(configuration.onnxRunner, logger: logger) : nil
    let forecaster = configuration.directionForecaster(local: runner?.predictor)
    let sentiment = SentimentComponents(configuration: configuration, bus: bus, metrics: metrics, logger: logger)
    // This process writes every signal of its own SQLite file, so the newest can be listed from
    // memory; a shared PostgreSQL may hold signals of other processes.
    let recentSignals =
      backends.storeName == "sqlite" && configuration.recentSignals > 0
      ? RecentSignals(capacity: configuration.recentSignals) : nil
    try await recentSignals?.warm(from: store)
    var settings = pipelineConfiguration(forecaster: forecaster, sentiment: sentiment.forecaster)
    settings.recentSignals = recentSignals
    let pipeline = EmbeddedPipeline(store: store, bus: bus, hub: hub, metrics: metrics, configuration: settings)
    try await pipeline.restoreAccounts()
    let inference = OnnxRunnerHealth(runner: runner, forecaster: forecaster, remoteURL: configuration.predictorURL)
    let status = StatusAggregator(
      components: healthReporters(
        pipeline: pipeline, backends: backends, inference: inference, sentiment: sentiment.healthReporters))
    let webSocket = WebSocketEndpoint(hub: hub, metrics: metrics, logger: logger)
    let router = buildRouter(
      status: status, webSocket: webSocket, metrics: metrics,
      routes: [TradingRoutes(store: store, portfolio: pipeline.portfolio, recentSignals: recentSignals)],
      maximumBodyBytes: configuration.maxRequestBodyBytes)
    let app = buildAPIApplication(
      router: router,
      configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port)),
      onServerRunning: onServerRunning, logger: logger)
    let source = PipelineService(pipeline: pipeline, ticks: tickSource(replay: replay), logger: logger)
    let broadcaster = StatusBroadcaster(
      status: status, hub: hub, statusInterval: .seconds(configuration.statusSeconds),
      heartbeatInterval: .seconds(configuration.heartbeatSeconds), logger: logger)
    var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: app)]
    if let runner {
      services += runner.services(
        configuration: configuration, metrics: metrics, onServerRunning: onModelServerRunning, logger: logger)
    }
    services += sentiment.services(
      configuration: configuration, metrics: metrics,
      marks: { [portfolio = pipeline.portfolio] in portfolio.marks },
      onServerRunning: onSentimentServerRunning, logger: logger)
    services += MemoryWatch.services(configuration: configuration, logger: logger)
    // Services stop in reverse order: the pipeline drains first, then status messages stop,
    // WebSocket clients get 1001, and the HTTP servers close last.
    services += [
      .init(service: webSocket), .init(service: broadcaster),
      .init(service: source, successTerminationBehavior: .ignore),
    ]
    return ServiceGroup(
      configuration: ServiceGroupConfiguration(
        services: services,
        gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
  }

  /// The ticks to ingest: the replayed file, or the synthetic market stamped from now on.
  func tickSource(replay: [Tick]?) -> AnyTickSource {
    if let replay {
      let speed = configuration.replaySpeed
      return speed > 0
        ? AnyTickSource(PacedTicks(replay, pacing: .replay(speed: speed), clock: ContinuousClock()))
        : AnyTickSource(PacedTicks(replay, pacing: .asFastAsPossible, clock: ContinuousClock()))
    }
    // Stamped from the moment the ticks are first asked for, so that a tick's time is when it is
    // emitted (what the tick → decision latency is measured from), not when the process began.
    let configuration = configuration
    return AnyTickSource(deferred: {
      let now = WallClock.now()
      let market = TickFeeds.syntheticMarket(configuration, start: now)
      // Paced by their own timestamps (spaced for `tickRate`): a tick leaves when it says it was
      // made, the symbols of one round together, so its age downstream is the pipeline's doing.
      return AnyTickSource(PacedTicks(market, pacing: .replay(speed: 1), clock: ContinuousClock()))
    })
  }

  /// The pipeline's settings; with an ML forecaster, signals carry the ML features; the strategy
  /// asks every forecaster given.
  func pipelineConfiguration(
    forecaster: DirectionForecaster? = nil, sentiment: SentimentForecaster? = nil
  ) -> EmbeddedPipeline.Configuration {
    let sizer = VolatilitySizer(
      riskPerTrade: configuration.riskPerTrade, maxPositionFraction: configuration.maxPositionFraction)
    return EmbeddedPipeline.Configuration(
      startingCash: configuration.startingCash,
      broker: configuration.simulatedBroker,
      patternSeed: configuration.seed,
      patternScoring: PatternScoring(threshold: configuration.signalThreshold),
      decisions: DecisionPipeline(
        alpha: configuration.alpha,
        construction: VolatilitySizedConstruction(minimumScore: configuration.signalThreshold, sizer: sizer),
        risk: RiskManager(rules: [
          MaxDrawdownRule(maxDrawdownFraction: configuration.maxDrawdownFraction),
          DailyLossRule(limit: .fractionOfOpeningEquity(configuration.dailyLossFraction)),
        ])),
      featureBarSeconds: forecaster == nil ? nil : configuration.mlBarSeconds,
      forecasters: [forecaster as (any Forecaster)?, sentiment].compactMap { $0 },
      remoteBroker: configuration.remoteBroker(), reconcileEvery: .seconds(configuration.reconcileSeconds))
  }

  func healthReporters(
    pipeline: EmbeddedPipeline, backends: Backends, inference: OnnxRunnerHealth,
    sentiment: [any HealthReporting]
  ) -> [any HealthReporting] {
    let listed = Set(SystemStatus.componentKeys)
    return pipeline.healthReporters.filter { listed.contains($0.componentKey) } + [
      StoreHealth(store: backends.store, backend: backends.storeName),
      EventBusHealth(
        bus: backends.bus, backend: backends.busName,
        groups: [(.signals, "strategy"), (.orderDecisions, "execution"), (.orderFills, "portfolio")]),
      inference,
    ] + sentiment
  }
}

/// Runs the pipeline as a service: a graceful shutdown cancels the tick source, and the
/// pipeline drains what is waiting before this returns.
struct PipelineService: Service {
  let pipeline: EmbeddedPipeline
  let ticks: AnyTickSource
  let logger: Logger

  func run() async throws {
    do {
      try await cancelWhenGracefulShutdown { try await pipeline.run(ticks: ticks, restoring: false) }
    } catch is CancellationError {
      logger.info("pipeline stopped and drained")
    }
  }
}

/// Any source of ticks, so the system can switch between the synthetic market and a replay.
struct AnyTickSource: AsyncSequence, Sendable {
  typealias Element = Tick
  let makeIterator: @Sendable () -> AsyncIterator

  init<Source: AsyncSequence & Sendable>(_ source: Source) where Source.Element == Tick {
    makeIterator = {
      var iterator = source.makeAsyncIterator()
      return AsyncIterator { try await iterator.next() }
    }
  }

  /// A source made when it is first iterated.
  init(deferred make: @escaping @Sendable () -> AnyTickSource) {
    makeIterator = { make().makeAsyncIterator() }
  }

  func makeAsyncIterator() -> AsyncIterator { makeIterator() }

  /// Pulls the next tick from the wrapped source.
  struct AsyncIterator: AsyncIteratorProtocol {
    let nextTick: () async throws -> Tick?
    mutating func next() async throws -> Tick? { try await nextTick() }
  }
}
