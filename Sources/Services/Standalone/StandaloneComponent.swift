import Logging
import Messaging
import ServiceLifecycle

/// One component as its own process (`aitrader serve <component>`): its HTTP server on its
/// configured port, what it runs beside it, and the memory watch, until SIGTERM or SIGINT.
public struct StandaloneComponent: Sendable {
  /// The components that can run alone.
  public enum Kind: String, Sendable, CaseIterable {
    /// The ONNX runner on `onnxPort`, with hot reload of the model folder.
    case onnxRunner = "onnx-runner"
    /// FinBERT on `finbertPort`: the ONNX classifier or the lexicon.
    case finbert
    /// The sentiment engine on `sentimentPort`, scoring through FinBERT at `finbertURL` or
    /// in-process; its updates go on the in-process bus.
    case sentimentEngine = "sentiment-engine"
    /// The mock broker's MCP server on `mockBrokerPort`, trading the configured symbols on its
    /// own synthetic market, its state in a journal under the data directory.
    case mockMCP = "mock-mcp"
  }

  public let kind: Kind
  public let configuration: AITraderConfiguration
  let logger: Logger

  public init(_ kind: Kind, configuration: AITraderConfiguration) {
    self.kind = kind
    self.configuration = configuration
    logger = configuration.logger(label: "aitrader.\(kind.rawValue)")
  }

  /// Serves until a shutdown signal; `onServerRunning` gets the bound port.
  public func run(onServerRunning: @escaping @Sendable (_ port: Int?) async -> Void = { _ in }) async throws {
    let metrics = AITraderMetrics()
    let services: [ServiceGroupConfiguration.ServiceConfiguration]
    switch kind {
    case .onnxRunner:
      services = await OnnxRunner.start(configuration.onnxRunner, logger: logger).services(
        configuration: configuration, metrics: metrics, onServerRunning: onServerRunning, logger: logger)
    case .finbert:
      services = configuration.finbertService(metrics: metrics, logger: logger).services(
        configuration: configuration, metrics: metrics, onServerRunning: onServerRunning, logger: logger)
    case .sentimentEngine:
      let engine = configuration.sentimentEngine(
        scorer: configuration.remoteOrLocalScorer(metrics: metrics, logger: logger), bus: InProcessEventBus(),
        metrics: metrics, logger: logger)
      services = engine.services(
        configuration: configuration, metrics: metrics, onServerRunning: onServerRunning, logger: logger)
    case .mockMCP:
      services = try MockBroker(configuration: configuration, logger: logger).services(
        metrics: metrics, onServerRunning: onServerRunning, logger: logger)
    }
    try await runServices(services + MemoryWatch.services(configuration: configuration, logger: logger), logger: logger)
  }
}

/// Runs `services` in one group that stops gracefully on SIGTERM or SIGINT.
func runServices(_ services: [ServiceGroupConfiguration.ServiceConfiguration], logger: Logger) async throws {
  let group = ServiceGroup(
    configuration: ServiceGroupConfiguration(
      services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
  try await group.run()
}
