import Inference
import Logging
import ServiceLifecycle
import TradingCore

/// The ONNX runner (DESIGN.md §2, port 8001): the ONNX Runtime library, every model in the
/// model folder, and the batch scheduler in front of them.
///
/// When the library cannot be opened the runner still starts, reports
/// `degraded: ONNX Runtime library not found at …`, and answers predictions with 503; the rest
/// of the system goes on without models.
public final class OnnxRunner: HealthReporting {
  /// Where the library and models are, and how sessions and batches are built.
  public struct Configuration: Sendable, Hashable {
    public var libraryPath: String
    public var modelDirectory: String
    public var session: SessionOptions
    public var batching: BatchScheduler.Configuration
    /// How often the model folder is checked for changes; nil turns hot reload off.
    public var reloadInterval: Duration?

    public init(
      libraryPath: String, modelDirectory: String, session: SessionOptions = SessionOptions(providers: [.cpu]),
      batching: BatchScheduler.Configuration = BatchScheduler.Configuration(), reloadInterval: Duration? = .seconds(5)
    ) {
      self.libraryPath = libraryPath
      self.modelDirectory = modelDirectory
      self.session = session
      self.batching = batching
      self.reloadInterval = reloadInterval
    }
  }

  public let componentKey = "onnx_runner"
  public let configuration: Configuration
  /// The loaded runtime, or why there is none.
  public let runtime: Result<OnnxRuntime, InferenceError>
  /// The models, when the runtime loaded.
  public let models: ModelManager?
  /// The batch scheduler, when the runtime loaded.
  public let scheduler: BatchScheduler?
  let logger: Logger

  /// Opens the library and loads the models; never fails (a missing library is reported).
  public static func start(_ configuration: Configuration, logger: Logger) async -> OnnxRunner {
    let runner = OnnxRunner(configuration: configuration, logger: logger)
    if case .failure(let error) = runner.runtime {
      logger.warning("onnx runner degraded: \(error)")
    }
    _ = await runner.reload()
    return runner
  }

  private init(configuration: Configuration, logger: Logger) {
    self.configuration = configuration
    self.logger = logger
    do throws(InferenceError) {
      let runtime = try OnnxRuntime.load(libraryPath: configuration.libraryPath)
      self.runtime = .success(runtime)
      let models = ModelManager(
        directory: configuration.modelDirectory, runtime: runtime, options: configuration.session)
      self.models = models
      scheduler = BatchScheduler(configuration: configuration.batching, models: models)
    } catch {
      runtime = .failure(error)
      models = nil
      scheduler = nil
    }
  }

  /// The scheduler as the strategy's `Predictor`, when the runtime loaded.
  public var predictor: (any Predictor)? { scheduler }

  /// Reloads the model folder and logs what changed; nil when there is no runtime.
  public func reload() async -> ModelManager.ReloadReport? {
    guard let models else { return nil }
    let report = await models.reload()
    for name in report.loaded {
      if let session = try? await models.session(named: name) {
        logger.info("model \(name) loaded on \(session.provider.rawValue) from \(session.modelPath)")
        for failure in session.providerFailures {
          logger.warning(
            "model \(name): execution provider \(failure.provider.rawValue) unavailable, fell back: \(failure.reason)")
        }
      }
    }
    for name in report.removed { logger.info("model \(name) removed") }
    for (name, reason) in report.failed.sorted(by: { $0.key < $1.key }) {
      logger.error("model \(name) failed to load: \(reason)")
    }
    return report
  }

  public func health() async -> ComponentHealth {
    var details: [String: JSONValue] = [
      "library": .string(configuration.libraryPath),
      "model_directory": .string(configuration.modelDirectory),
      "providers_configured": .array(configuration.session.providers.map { .string($0.rawValue) }),
    ]
    guard case .success(let runtime) = runtime, let models, let scheduler else {
      if case .failure(let error) = runtime { details["reason"] = .string(error.description) }
      return ComponentHealth(
        name: "ONNX runner", status: .degraded, running: false, version: AITraderVersion.current, details: details)
    }
    details["runtime_version"] = .string(runtime.version)
    let loaded = await models.loaded
    let failures = await models.loadFailures
    let figures = await scheduler.figures
    details["models"] = .object(
      loaded.mapValues { model in
        let batches = figures[model.name]
        return .object([
          "provider": .string(model.session.provider.rawValue),
          "requests": .number(Double(batches?.requests ?? 0)),
          "batches": .number(Double(batches?.batches ?? 0)),
          "rows": .number(Double(batches?.rows ?? 0)),
          "refused": .number(Double(batches?.refused ?? 0)),
        ])
      })
    if !failures.isEmpty { details["failures"] = .object(failures.mapValues { .string($0.reason) }) }
    var status = ComponentHealth.Status.ok
    if !failures.isEmpty {
      status = .degraded
      details["reason"] = .string("\(failures.count) model file(s) failed to load")
    } else if loaded.isEmpty {
      status = .degraded
      details["reason"] = .string("no models in \(configuration.modelDirectory)")
    }
    return ComponentHealth(
      name: "ONNX runner", status: status, running: true, version: AITraderVersion.current, details: details)
  }
}

/// Hot reload as a service: checks the model folder every `interval` until shutdown.
struct ModelReloadService: Service {
  let runner: OnnxRunner
  let interval: Duration

  func run() async throws {
    try? await cancelWhenGracefulShutdown {
      while !Task.isCancelled {
        try await Task.sleep(for: interval)
        _ = await runner.reload()
      }
    }
  }
}
