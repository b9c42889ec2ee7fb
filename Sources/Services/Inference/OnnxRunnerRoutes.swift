import Hummingbird
import Inference

/// The ONNX runner's HTTP endpoints (DESIGN.md §2, port 8001):
/// - `GET /health` → `{"status": "ok"|"degraded", "version", "component": {…}}`;
/// - `GET /models` → the runtime, every loaded model (inputs, outputs, metadata, provider,
///   batching figures) and every file that failed to load;
/// - `POST /models/reload` → what a reload of the model folder changed;
/// - `POST /predict {"model", "inputs": {name: nested arrays}}` → `{"model", "outputs", "types"}`
///   (`types`: each output's element type, `float32` or `int64`).
///
/// Bad requests answer 400 (with ONNX Runtime's own message when it rejects the inputs), an
/// unknown model 404, a full batch queue 429, and a runner without its library 503.
public struct OnnxRunnerRoutes: APIRoutes {
  let runner: OnnxRunner

  public init(runner: OnnxRunner) { self.runner = runner }

  /// The body of `POST /predict`.
  struct PredictRequest: Decodable {
    var model: String
    var inputs: [String: JSONValue]
  }

  public func register(on router: Router<APIRequestContext>) {
    router.get("/health") { _, _ in await runner.health().healthAnswer() }
    router.get("/models") { _, _ in await modelsView() }
    router.post("/models/reload") { _, _ in
      guard let report = await runner.reload() else { throw unavailable() }
      return JSONValue.object([
        "loaded": .array(report.loaded.map { .string($0) }),
        "removed": .array(report.removed.map { .string($0) }),
        "unchanged": .array(report.unchanged.map { .string($0) }),
        "failed": .object(report.failed.mapValues { .string($0) }),
      ])
    }
    router.post("/predict") { request, context in
      let body: PredictRequest
      do {
        body = try await request.decode(as: PredictRequest.self, context: context)
      } catch {
        throw APIError.badRequest(#"the body must be JSON {"model": "<name>", "inputs": {"<input>": [[…]]}}"#)
      }
      return try await predict(body)
    }
  }

  private func predict(_ body: PredictRequest) async throws -> JSONValue {
    guard let models = runner.models, let scheduler = runner.scheduler else { throw unavailable() }
    do {
      let session = try await models.session(named: body.model)
      var inputs: [String: Tensor] = [:]
      for (name, json) in body.inputs {
        guard let description = session.inputs.first(where: { $0.name == name }) else {
          throw APIError.badRequest(
            "model '\(body.model)' has no input '\(name)'; its inputs are \(session.inputs.map(\.name).joined(separator: ", "))"
          )
        }
        inputs[name] = try TensorJSON.tensor(json, for: description)
      }
      let outputs = try await scheduler.predict(model: body.model, inputs: inputs)
      return .object([
        "model": .string(body.model), "outputs": .object(outputs.mapValues(TensorJSON.json)),
        "types": .object(outputs.mapValues { .string($0.elementType.description) }),
      ])
    } catch let error as InferenceError {
      throw Self.apiError(error)
    }
  }

  /// The API's answer to an inference error.
  static func apiError(_ error: InferenceError) -> APIError {
    switch error {
    case .unknownModel: .notFound(error.description)
    case .queueFull: APIError(.tooManyRequests, error.description)
    case .runtimeUnavailable: .unavailable(error.description)
    case .invalidInput: .badRequest(error.description)
    case .runtime(let code, let message):
      error.isCallerError ? .badRequest(message) : .unavailable("ONNX Runtime failed (code \(code)): \(message)")
    }
  }

  private func unavailable() -> APIError {
    if case .failure(let error) = runner.runtime { return .unavailable(error.description) }
    return .unavailable("the ONNX runner has no runtime")
  }

  private func modelsView() async -> JSONValue {
    var view: [String: JSONValue] = [:]
    switch runner.runtime {
    case .success(let runtime):
      view["runtime"] = .object([
        "available": .bool(true), "version": .string(runtime.version), "library": .string(runtime.libraryPath),
        "providers_available": .array(runtime.availableProviders.map { .string($0) }),
        "providers_configured": .array(runner.configuration.session.providers.map { .string($0.rawValue) }),
      ])
    case .failure(let error):
      view["runtime"] = .object([
        "available": .bool(false), "library": .string(runner.configuration.libraryPath),
        "reason": .string(error.description),
      ])
    }
    guard let models = runner.models, let scheduler = runner.scheduler else {
      view["models"] = .array([])
      view["failures"] = .array([])
      return .object(view)
    }
    let figures = await scheduler.figures
    view["models"] = .array(
      await models.loaded.values.sorted { $0.name < $1.name }.map { model in
        let session = model.session
        let batching = figures[model.name] ?? BatchScheduler.Figures()
        return .object([
          "name": .string(model.name),
          "path": .string(session.modelPath),
          "provider": .string(session.provider.rawValue),
          "provider_failures": .array(
            session.providerFailures.map {
              .object(["provider": .string($0.provider.rawValue), "reason": .string($0.reason)])
            }),
          "loaded_at": .string(model.loadedAt.iso8601),
          "inputs": .array(session.inputs.map(TensorJSON.json)),
          "outputs": .array(session.outputs.map(TensorJSON.json)),
          "metadata": .object([
            "producer": .string(session.metadata.producerName), "graph": .string(session.metadata.graphName),
            "description": .string(session.metadata.description), "domain": .string(session.metadata.domain),
            "version": .number(Double(session.metadata.version)),
            "custom": .object(session.metadata.custom.mapValues { .string($0) }),
          ]),
          "batching": .object([
            "max_batch_rows": .number(Double(scheduler.configuration.maxBatchRows)),
            "max_wait_us": .number(scheduler.configuration.maxWait / .microseconds(1)),
            "max_queued_rows": .number(Double(scheduler.configuration.maxQueuedRows)),
            "requests": .number(Double(batching.requests)), "batches": .number(Double(batching.batches)),
            "rows": .number(Double(batching.rows)), "refused": .number(Double(batching.refused)),
            "largest_batch_rows": .number(Double(batching.largestBatchRows)),
          ]),
        ])
      })
    view["failures"] = .array(
      await models.loadFailures.values.sorted { $0.name < $1.name }.map {
        .object([
          "name": .string($0.name), "path": .string($0.path), "reason": .string($0.reason),
          "at": .string($0.at.iso8601),
        ])
      })
    return .object(view)
  }
}

extension JSONValue: ResponseEncodable {}
