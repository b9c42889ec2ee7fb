import Logging
import ServiceLifecycle

/// The ONNX runner as its own process (`aitrader serve onnx-runner`): the runner's API on
/// `onnxPort`, hot reload of the model folder, and the memory watch, until SIGTERM or SIGINT.
public struct StandaloneOnnxRunner: Sendable {
  public let configuration: AITraderConfiguration
  let logger: Logger

  public init(configuration: AITraderConfiguration) {
    self.configuration = configuration
    logger = configuration.logger(label: "aitrader.onnx-runner")
  }

  /// Serves until a shutdown signal; `onServerRunning` gets the bound port.
  public func run(onServerRunning: @escaping @Sendable (_ port: Int?) async -> Void = { _ in }) async throws {
    let runner = await OnnxRunner.start(configuration.onnxRunner, logger: logger)
    let services =
      runner.services(
        configuration: configuration, metrics: AITraderMetrics(), onServerRunning: onServerRunning, logger: logger)
      + MemoryWatch.services(configuration: configuration, logger: logger)
    try await runServices(services, logger: logger)
  }
}
