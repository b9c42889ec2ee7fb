import Hummingbird
import Inference
import Logging
import ServiceLifecycle
import TradingCore

extension AITraderConfiguration {
  /// The ONNX runner's settings.
  public var onnxRunner: OnnxRunner.Configuration {
    OnnxRunner.Configuration(
      libraryPath: onnxLibrary, modelDirectory: modelDirectory,
      session: SessionOptions(providers: onnxProviders, intraOpThreads: onnxThreads, interOpThreads: 1),
      batching: BatchScheduler.Configuration(
        maxBatchRows: batchMaxRows, maxWait: .microseconds(batchMaxWaitMicroseconds), maxQueuedRows: batchQueueRows),
      reloadInterval: modelReloadSeconds > 0 ? .milliseconds(Int64(modelReloadSeconds * 1000)) : nil)
  }

  /// The ML factor: over HTTP when `predictorURL` is set, else through `local`; nil when no
  /// model is configured or there is nothing to ask.
  public func directionForecaster(local: (any Predictor)?) -> DirectionForecaster? {
    guard !mlModel.isEmpty, mlWeight > 0 else { return nil }
    let predictor: any Predictor
    if let predictorURL {
      let timeout = Duration.milliseconds(predictorTimeoutMilliseconds)
      predictor = HTTPPredictor(
        baseURL: predictorURL, client: ResilientHTTPClient(policy: .init(timeout: timeout, attempts: 2)))
    } else if let local {
      predictor = local
    } else {
      return nil
    }
    return DirectionForecaster(
      model: mlModel, predictor: predictor,
      breaker: CircuitBreaker(
        configuration: .init(
          failureThreshold: breakerFailures, cooldown: .milliseconds(Int64(breakerCooldownSeconds * 1000)))),
      timeLimit: .milliseconds(predictorTimeoutMilliseconds))
  }

  /// The combined alpha with the configured weights.
  public var alpha: CombinedAlpha {
    .standard(technical: technicalWeight, ml: mlWeight, sentiment: sentimentWeight)
  }
}

/// `/api/status`'s `onnx_runner`: the runner's own health (when it runs in this process) and
/// the ML factor's circuit breaker and prediction counts. An open breaker is `degraded`.
public struct OnnxRunnerHealth: HealthReporting {
  public let componentKey = "onnx_runner"
  let runner: OnnxRunner?
  let forecaster: DirectionForecaster?
  let remoteURL: String?

  public init(runner: OnnxRunner?, forecaster: DirectionForecaster?, remoteURL: String? = nil) {
    self.runner = runner
    self.forecaster = forecaster
    self.remoteURL = remoteURL
  }

  public func health() async -> ComponentHealth {
    var health =
      await runner?.health()
      ?? ComponentHealth(name: "ONNX runner", status: .ok, running: true, version: AITraderVersion.current)
    if let remoteURL { health.details["url"] = .string(remoteURL) }
    guard let forecaster else {
      health.details["ml_factor"] = .string("off")
      return health
    }
    let breaker = forecaster.breaker.snapshot
    let counts = forecaster.counts
    health.details["ml_factor"] = .object(
      counts.statusDetails(
        breaker: breaker, withoutInputKey: "signals_without_features", extra: ["model": .string(forecaster.model)]))
    if let lastError = counts.lastError { health.details["last_error"] = .string(lastError) }
    if breaker.state != .closed {
      health.status = .degraded
      health.details["reason"] = .string(
        "ML circuit \(breaker.state.rawValue): the strategy decides without the ML factor")
    }
    return health
  }
}

extension OnnxRunner {
  /// The runner's HTTP server on `onnxPort` and, when configured, its hot reload, as services.
  func services(
    configuration: AITraderConfiguration, metrics: AITraderMetrics,
    onServerRunning: @escaping @Sendable (_ port: Int?) async -> Void, logger: Logger
  ) -> [ServiceGroupConfiguration.ServiceConfiguration] {
    var services = [
      configuration.componentServer(
        routes: OnnxRunnerRoutes(runner: self), port: configuration.onnxPort, metrics: metrics,
        onServerRunning: onServerRunning, logger: logger)
    ]
    if let interval = self.configuration.reloadInterval {
      services.append(.init(service: ModelReloadService(runner: self, interval: interval)))
    }
    return services
  }
}
