import Logging
import ServiceLifecycle

/// The ONNX runner as its own process (`aitrader serve onnx-runner`): the runner's API on
/// `onnxPort`, hot reload of the model folder, and the memory watch, until SIGTERM or SIGINT.
public struct StandaloneOnnxRunner: Sendable {
  public let configuration: AITraderConfiguration
  let logger: Logger

  public init(configuration: AITraderConfiguration) {
    self.configuration = configuration
    var logger = Logger(label: "aitrader.onnx-runner")
    logger.logLevel = Logger.Level(rawValue: configuration.logLevel) ?? .info
    self.logger = logger
  }

  /// Serves until a shutdown signal; `onServerRunning` gets the bound port.
  public func run(onServerRunning: @escaping @Sendable (_ port: Int?) async -> Void = { _ in }) async throws {
    let runner = await OnnxRunner.start(configuration.onnxRunner, logger: logger)
    let metrics = AITraderMetrics()
    let app = buildOnnxRunnerApplication(
      router: buildOnnxRunnerRouter(
        runner: runner, metrics: metrics, maximumBodyBytes: configuration.maxRequestBodyBytes),
      host: configuration.host, port: configuration.onnxPort, onServerRunning: onServerRunning, logger: logger)
    var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: app)]
    if let interval = runner.configuration.reloadInterval {
      services.append(.init(service: ModelReloadService(runner: runner, interval: interval)))
    }
    if configuration.memoryLimitMB > 0 {
      services.append(
        .init(
          service: MemoryWatch(limitBytes: configuration.memoryLimitMB << 20, interval: .seconds(5), logger: logger)))
    }
    let group = ServiceGroup(
      configuration: ServiceGroupConfiguration(
        services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    try await group.run()
  }
}
