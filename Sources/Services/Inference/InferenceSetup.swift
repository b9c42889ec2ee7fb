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

  /// The combined alpha with the configured weights (sentiment keeps its default 0.2).
  public var alpha: CombinedAlpha { .standard(technical: technicalWeight, ml: mlWeight) }
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
    health.details["ml_factor"] = .object([
      "model": .string(forecaster.model),
      "circuit": .string(breaker.state.rawValue),
      "circuit_opened": .number(Double(breaker.opened)),
      "answered": .number(Double(counts.answered)),
      "failed": .number(Double(counts.failed)),
      "refused_while_open": .number(Double(counts.refused)),
      "signals_without_features": .number(Double(counts.noFeatures)),
    ])
    if let lastError = counts.lastError { health.details["last_error"] = .string(lastError) }
    if breaker.state != .closed {
      health.status = .degraded
      health.details["reason"] = .string(
        "ML circuit \(breaker.state.rawValue): the strategy decides without the ML factor")
    }
    return health
  }
}

/// The ONNX runner's router: JSON errors, HTTP metrics, its endpoints and `/metrics`.
public func buildOnnxRunnerRouter(
  runner: OnnxRunner, metrics: AITraderMetrics,
  maximumBodyBytes: Int = APIErrorMiddleware<APIRequestContext>.defaultMaximumBodyBytes
) -> Router<APIRequestContext> {
  let router = Router(context: APIRequestContext.self)
  router.add(middleware: HTTPMetricsMiddleware(metrics: metrics))
  router.add(middleware: APIErrorMiddleware(maximumBodyBytes: maximumBodyBytes))
  OnnxRunnerRoutes(runner: runner).register(on: router)
  router.get("/metrics") { _, _ in
    Response(
      status: .ok, headers: [.contentType: SystemRoutes.metricsContentType],
      body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.exposition())))
  }
  return router
}

/// The ONNX runner's HTTP server.
public func buildOnnxRunnerApplication(
  router: Router<APIRequestContext>, host: String, port: Int,
  onServerRunning: @escaping @Sendable (_ port: Int?) async -> Void = { _ in },
  logger: Logger = Logger(label: "aitrader.onnx-runner")
) -> Application<RouterResponder<APIRequestContext>> {
  Application(
    router: router, configuration: ApplicationConfiguration(address: .hostname(host, port: port)),
    onServerRunning: { channel in await onServerRunning(channel.localAddress?.port) }, logger: logger)
}

extension OnnxRunner {
  /// The runner's HTTP server on `onnxPort` and, when configured, its hot reload, as services.
  func services(
    configuration: AITraderConfiguration, metrics: AITraderMetrics,
    onServerRunning: @escaping @Sendable (_ port: Int?) async -> Void, logger: Logger
  ) -> [ServiceGroupConfiguration.ServiceConfiguration] {
    let app = buildOnnxRunnerApplication(
      router: buildOnnxRunnerRouter(
        runner: self, metrics: metrics, maximumBodyBytes: configuration.maxRequestBodyBytes),
      host: configuration.host, port: configuration.onnxPort, onServerRunning: onServerRunning, logger: logger)
    var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: app)]
    if let interval = self.configuration.reloadInterval {
      services.append(.init(service: ModelReloadService(runner: self, interval: interval)))
    }
    return services
  }
}
