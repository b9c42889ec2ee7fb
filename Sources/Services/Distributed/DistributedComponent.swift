import Broker
import Foundation
import Hummingbird
import Logging
import Messaging
import Persistence
import ServiceLifecycle
import TradingCore

/// The trading pipeline's components as processes of their own (`aitrader serve api |
/// pattern-engine | strategy-engine | execution`), meeting on Redis Streams and sharing one
/// PostgreSQL, as `aitrader run` wires them in one process:
///
/// - **pattern-engine**: the tick source, validation and the pattern engine; stores each signal
///   and publishes it on `signals:global`; publishes every tick on `ticks` (or, with
///   `tickConflationMilliseconds`, the newest of each symbol once per interval).
/// - **strategy-engine** (as many as wanted): consumer group `strategy` on `signals:global`;
///   sizes against its own view of the portfolio (fills from `orders:fills`, marks from `ticks`);
///   stores each decision under the signal-derived order id and publishes it on `orders:decisions`.
/// - **execution** (one: it holds the paper broker's account): group `execution` on
///   `orders:decisions`, the paper broker quoting from `ticks`, fills on `orders:fills`, and the
///   portfolio that keeps the books (group `portfolio`).
/// - **api**: the REST API, WebSocket and metrics on `port`; a portfolio view; the stream events
///   relayed to WebSocket clients; `/api/status` from the heartbeats and each instance's `/health`.
///
/// Each process serves `/health` and `/metrics` on its own port and beats on `system:heartbeat`.
public struct DistributedComponent: Sendable {
  /// The components of the trading pipeline.
  public enum Kind: String, Sendable, CaseIterable {
    case api
    case patternEngine = "pattern-engine"
    case strategyEngine = "strategy-engine"
    case execution

    /// The key of `/api/status` the component reports as.
    var componentKey: String {
      switch self {
      case .api: "api"
      case .patternEngine: "pattern_engine"
      case .strategyEngine: "strategy_engine"
      case .execution: "execution"
      }
    }
  }

  /// Why a component cannot start.
  public struct MissingBackend: Error, CustomStringConvertible {
    public var description: String
  }

  public let kind: Kind
  public let configuration: AITraderConfiguration
  /// This process's consumer name and the suffix of its own consumer groups.
  public let instance: String
  let logger: Logger

  public init(_ kind: Kind, configuration: AITraderConfiguration) {
    self.kind = kind
    self.configuration = configuration
    instance =
      configuration.instanceName
      ?? "\(kind.rawValue)-\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
    logger = configuration.logger(label: "aitrader.\(kind.rawValue)")
  }

  /// The port the component serves on.
  var port: Int {
    switch kind {
    case .api: configuration.port
    case .patternEngine: configuration.patternEnginePort
    case .strategyEngine: configuration.strategyEnginePort
    case .execution: configuration.executionPort
    }
  }

  /// Runs until SIGTERM or SIGINT; `onServerRunning` gets the bound port.
  public func run(onServerRunning: @escaping @Sendable (_ port: Int?) async -> Void = { _ in }) async throws {
    guard configuration.redisURL != nil else {
      throw MissingBackend(
        description: "serve \(kind.rawValue) needs REDIS_URL: the components meet on Redis Streams "
          + "(`aitrader run` runs them all in one process without it)")
    }
    guard configuration.databaseURL != nil else {
      throw MissingBackend(
        description: "serve \(kind.rawValue) needs DATABASE_URL: the components share one PostgreSQL "
          + "(`aitrader run` runs them all in one process without it)")
    }
    let backends = try await Backends.open(configuration, logger: logger)
    do {
      let services = try await makeServices(backends: backends, onServerRunning: onServerRunning)
      try await runServices(services, logger: logger)
    } catch {
      try? await backends.close()
      throw error
    }
    try await backends.close()
  }

  func makeServices(
    backends: Backends, onServerRunning: @escaping @Sendable (_ port: Int?) async -> Void
  ) async throws -> [ServiceGroupConfiguration.ServiceConfiguration] {
    let metrics = AITraderMetrics()
    let bound = BoundPort()
    let announce: @Sendable (Int?) async -> Void = { port in
      bound.set(port)
      await onServerRunning(port)
    }
    if kind == .api {
      return try await apiServices(backends: backends, metrics: metrics, bound: bound, onServerRunning: announce)
    }
    let parts = try await componentParts(backends: backends, metrics: metrics)
    let server = configuration.componentServer(
      routes: ComponentHealthRoute(instance: instance, health: parts.health), port: port, metrics: metrics,
      onServerRunning: announce, logger: logger)
    // Services stop in reverse order: the consumers drain first, the heartbeat and the server last.
    return [server, heartbeat(bus: backends.bus, bound: bound, health: parts.health)]
      + parts.runners.map { .init(service: $0) } + MemoryWatch.services(configuration: configuration, logger: logger)
  }

  /// A component's health and its long-running parts, for every kind but `api`.
  private func componentParts(
    backends: Backends, metrics: AITraderMetrics
  ) async throws -> (health: @Sendable () async -> ComponentHealth, runners: [ComponentRunner]) {
    let (bus, store) = (backends.bus, backends.store)
    // The one-process system's settings and tick source, so both modes trade alike.
    let embedded = EmbeddedSystem(configuration: configuration)
    let settings = embedded.pipelineConfiguration(
      forecaster: configuration.directionForecaster(local: nil),
      sentiment: configuration.sentimentForecaster(local: nil))
    let hub = EventHub()
    switch kind {
    case .api:
      preconditionFailure("the API is built by apiServices")
    case .patternEngine:
      let publisher = TickPublisher(bus: bus, conflation: .milliseconds(configuration.tickConflationMilliseconds))
      let ingestor = TickIngestor(
        quoteReceivers: [publisher], bus: bus, store: store, hub: hub, metrics: metrics,
        patternEngine: PatternEngine(scoring: settings.patternScoring, seed: settings.patternSeed),
        validator: TickValidator(outOfOrderToleranceNanoseconds: settings.outOfOrderToleranceNanoseconds),
        featureBarSeconds: settings.featureBarSeconds)
      let replay = try configuration.replayPath.map(TickFeeds.replay(path:))
      let ticks = embedded.tickSource(replay: replay)
      let health: @Sendable () async -> ComponentHealth = {
        var health = await ingestor.health()
        let counts = publisher.counts
        health.details["ticks_published"] = .number(Double(counts.published))
        health.details["ticks_unpublished"] = .number(Double(counts.dropped))
        health.details["ticks_conflated"] = .number(Double(counts.conflated))
        return health
      }
      let source = ComponentRunner(
        run: {
          do {
            try await cancelWhenGracefulShutdown { try await ingestor.run(ticks) }
          } catch is CancellationError {}
        }, finish: {})
      return (health, [source])
    case .strategyEngine:
      let portfolio = try await portfolioView(bus: bus, store: store, hub: hub)
      let follower = TickFollower(bus: bus, receivers: [portfolio], group: "ticks-\(instance)")
      let strategy = StrategyEngine(
        portfolio: portfolio, bus: bus, store: store, hub: hub, metrics: metrics, pipeline: settings.decisions,
        reading: reading(.signals, group: "strategy"), forecasters: settings.forecasters)
      return (
        { await strategy.health() },
        [
          ComponentRunner(run: { try await follower.run() }, finish: { await follower.finish() }),
          ComponentRunner(run: { try await portfolio.run() }, finish: { await portfolio.finish() }),
          // Decisions wait for the marks, so that the first signals do not find a symbol unpriced.
          ComponentRunner(
            run: {
              await follower.waitUntilCaughtUp(within: .seconds(30))
              try await strategy.run()
            }, finish: { await strategy.finish() }),
        ]
      )
    case .execution:
      let broker = PaperBroker(cash: settings.startingCash, configuration: settings.broker)
      let portfolio = PortfolioService(
        startingCash: settings.startingCash, bus: bus, store: store, hub: hub,
        reading: reading(.orderFills, group: "portfolio"))
      try await EmbeddedPipeline.restoreAccounts(broker: broker, portfolio: portfolio, from: store)
      let follower = TickFollower(bus: bus, receivers: [broker, portfolio], group: "ticks-\(instance)")
      let reconciler = settings.remoteBroker.map { BrokerReconciler(broker: $0, store: store, bus: bus, hub: hub) }
      let execution = ExecutionService(
        broker: settings.remoteBroker ?? broker, bus: bus, store: store, hub: hub, metrics: metrics,
        reading: reading(.orderDecisions, group: "execution"), reconciler: reconciler)
      let health: @Sendable () async -> ComponentHealth = {
        var health = await execution.health()
        health.details["portfolio"] = .object(await portfolio.health().details)
        if let reconciler {
          let reconciliation = await reconciler.health()
          health.details["broker_reconciliation"] = .object(reconciliation.details)
          // Orders wait while the broker is unreconciled: execution is then not fully working.
          if reconciliation.status != .ok, health.status == .ok { health.status = .degraded }
        } else {
          health.details["paper_broker"] = .object(await broker.health().details)
        }
        return health
      }
      let reconciling = reconciler.map { reconciler in
        ComponentRunner(
          run: { await reconciler.run(every: settings.reconcileEvery) }, finish: { await reconciler.stop() })
      }
      return (
        health,
        (reconciling.map { [$0] } ?? []) + [
          ComponentRunner(run: { try await follower.run() }, finish: { await follower.finish() }),
          ComponentRunner(run: { try await portfolio.run() }, finish: { await portfolio.finish() }),
          // Orders wait for the quotes they fill against.
          ComponentRunner(
            run: {
              await follower.waitUntilCaughtUp(within: .seconds(30))
              try await execution.run()
            }, finish: { await execution.finish() }),
        ]
      )
    }
  }

  /// The API process: REST, WebSocket, metrics and `/api/status` on `port`.
  private func apiServices(
    backends: Backends, metrics: AITraderMetrics, bound: BoundPort,
    onServerRunning: @escaping @Sendable (Int?) async -> Void
  ) async throws -> [ServiceGroupConfiguration.ServiceConfiguration] {
    let (bus, store) = (backends.bus, backends.store)
    let hub = EventHub()
    let portfolio = try await portfolioView(bus: bus, store: store, hub: hub)
    let follower = TickFollower(bus: bus, receivers: [portfolio], group: "ticks-\(instance)")
    let relay = BusEventRelay(bus: bus, hub: hub, groupSuffix: instance)
    let monitor = HeartbeatMonitor(bus: bus, group: "heartbeat-\(instance)")
    let status = StatusAggregator(components: statusReporters(backends: backends, monitor: monitor))
    let webSocket = WebSocketEndpoint(hub: hub, metrics: metrics, logger: logger)
    let router = buildRouter(
      status: status, webSocket: webSocket, metrics: metrics,
      routes: [TradingRoutes(store: store, portfolio: portfolio)], maximumBodyBytes: configuration.maxRequestBodyBytes)
    let app = buildAPIApplication(
      router: router,
      configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port)),
      onServerRunning: onServerRunning, logger: logger)
    let broadcaster = StatusBroadcaster(
      status: status, hub: hub, statusInterval: .seconds(configuration.statusSeconds),
      heartbeatInterval: .seconds(configuration.heartbeatSeconds), logger: logger)
    let health: @Sendable () async -> ComponentHealth = {
      ComponentHealth(
        name: "API", status: .ok, running: true, version: AITraderVersion.current,
        details: ["websocket_clients": .number(Double(hub.subscriberCount))])
    }
    let runners = [
      ComponentRunner(run: { try await monitor.run() }, finish: { await monitor.finish() }),
      ComponentRunner(run: { try await follower.run() }, finish: { await follower.finish() }),
      ComponentRunner(run: { try await portfolio.run() }, finish: { await portfolio.finish() }),
      ComponentRunner(run: { try await relay.run() }, finish: { await relay.finish() }),
    ]
    return [.init(service: app), heartbeat(bus: bus, bound: bound, health: health)]
      + runners.map { .init(service: $0) }
      + [.init(service: webSocket), .init(service: broadcaster)]
      + MemoryWatch.services(configuration: configuration, logger: logger)
  }

  /// What `/api/status` lists in the API process.
  func statusReporters(backends: Backends, monitor: HeartbeatMonitor) -> [any HealthReporting] {
    var reporters: [any HealthReporting] = [
      InstancesHealth(componentKey: "pattern_engine", name: "Pattern engine", monitor: monitor),
      InstancesHealth(componentKey: "strategy_engine", name: "Strategy engine", monitor: monitor),
      InstancesHealth(componentKey: "execution", name: "Execution", monitor: monitor),
      InstancesHealth(
        componentKey: "broker", name: "Broker (in execution)", monitor: monitor, beatsFrom: "execution"),
      StoreHealth(store: backends.store, backend: backends.storeName),
      EventBusHealth(
        bus: backends.bus, backend: backends.busName,
        groups: [(.signals, "strategy"), (.orderDecisions, "execution"), (.orderFills, "portfolio")]),
    ]
    let remote: [(key: String, name: String, url: String?)] = [
      ("onnx_runner", "ONNX runner", configuration.predictorURL),
      ("sentiment_engine", "Sentiment engine", configuration.sentimentURL),
      ("finbert", "FinBERT", configuration.finbertURL),
    ]
    for (key, name, url) in remote {
      if let url {
        reporters.append(RemoteComponentHealth(componentKey: key, name: name, baseURL: url))
      }
    }
    return reporters
  }

  /// A portfolio that follows the fills without storing them, restored from the store.
  private func portfolioView(bus: any EventBus, store: SQLTradingStore, hub: EventHub) async throws -> PortfolioService
  {
    let portfolio = PortfolioService(
      startingCash: configuration.startingCash, bus: bus, store: store, hub: hub,
      reading: reading(.orderFills, group: "portfolio-view-\(instance)", groupIsOwn: true), persisting: false)
    await portfolio.restore(fills: try await store.allFills())
    return portfolio
  }

  /// How this process reads `stream` in `group`.
  private func reading(_ stream: StreamName, group: String, groupIsOwn: Bool = false) -> BusConsumer {
    let idle = Duration.milliseconds(Int64(configuration.reclaimIdleSeconds * 1_000))
    return BusConsumer(
      stream: stream, group: group, consumer: instance, reclaimAfterIdle: idle, reclaimEvery: min(idle, .seconds(5)),
      groupIsOwn: groupIsOwn)
  }

  /// This process's beat on `system:heartbeat`.
  private func heartbeat(
    bus: any EventBus, bound: BoundPort, health: @escaping @Sendable () async -> ComponentHealth
  ) -> ServiceGroupConfiguration.ServiceConfiguration {
    let advertised = configuration.advertiseURL
    let host =
      ["0.0.0.0", "::", ""].contains(configuration.host) ? ProcessInfo.processInfo.hostName : configuration.host
    let fallbackPort = port
    return .init(
      service: HeartbeatPublisher(
        bus: bus, component: kind.componentKey, instance: instance,
        url: { advertised ?? "http://\(host):\(bound.value ?? fallbackPort)" },
        interval: .seconds(configuration.heartbeatSeconds), health: { await health().status }, logger: logger))
  }
}
