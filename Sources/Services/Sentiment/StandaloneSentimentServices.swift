import Logging
import Messaging
import ServiceLifecycle

/// The FinBERT service as its own process (`aitrader serve finbert`): `/analyze`, `/health` and
/// `/metrics` on `finbertPort`, until SIGTERM or SIGINT.
public struct StandaloneFinBERT: Sendable {
  public let configuration: AITraderConfiguration
  let logger: Logger

  public init(configuration: AITraderConfiguration) {
    self.configuration = configuration
    logger = configuration.logger(label: "aitrader.finbert")
  }

  /// Serves until a shutdown signal; `onServerRunning` gets the bound port.
  public func run(onServerRunning: @escaping @Sendable (_ port: Int?) async -> Void = { _ in }) async throws {
    let metrics = AITraderMetrics()
    let service = configuration.finbertService(metrics: metrics, logger: logger)
    try await runServices(
      service.services(configuration: configuration, metrics: metrics, onServerRunning: onServerRunning, logger: logger)
        + MemoryWatch.services(configuration: configuration, logger: logger),
      logger: logger)
  }
}

/// The sentiment engine as its own process (`aitrader serve sentiment-engine`): its news
/// sources, scoring through FinBERT (over HTTP when `finbertURL` is set, else in-process), and
/// `/sentiment`, `/health`, `/metrics` on `sentimentPort`, until SIGTERM or SIGINT. Updates
/// go on the in-process bus (the Redis bus in distributed mode).
public struct StandaloneSentimentEngine: Sendable {
  public let configuration: AITraderConfiguration
  let logger: Logger

  public init(configuration: AITraderConfiguration) {
    self.configuration = configuration
    logger = configuration.logger(label: "aitrader.sentiment")
  }

  /// Serves until a shutdown signal; `onServerRunning` gets the bound port.
  public func run(onServerRunning: @escaping @Sendable (_ port: Int?) async -> Void = { _ in }) async throws {
    let metrics = AITraderMetrics()
    let engine = configuration.sentimentEngine(
      scorer: configuration.remoteOrLocalScorer(metrics: metrics, logger: logger), bus: InProcessEventBus(),
      metrics: metrics, logger: logger)
    try await runServices(
      engine.services(configuration: configuration, metrics: metrics, onServerRunning: onServerRunning, logger: logger)
        + MemoryWatch.services(configuration: configuration, logger: logger),
      logger: logger)
  }
}

/// Runs `services` in one group that stops gracefully on SIGTERM or SIGINT.
func runServices(_ services: [ServiceGroupConfiguration.ServiceConfiguration], logger: Logger) async throws {
  let group = ServiceGroup(
    configuration: ServiceGroupConfiguration(
      services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
  try await group.run()
}
