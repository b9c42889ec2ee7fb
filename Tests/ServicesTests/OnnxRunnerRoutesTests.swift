import Foundation
import Hummingbird
import HummingbirdTesting
import Inference
import Services
import Testing

/// The ONNX runner's API (port 8001) over the real direction model: what it serves, its
/// predictions against Python's, and a JSON error for every way a request can be wrong.
/// Not in `docs/openapi.yaml` (that is the trading API), so not checked against it.
@Suite(.enabled(if: OnnxFixtures.shouldRun, "ONNX Runtime is installed on Linux x86_64 only"))
struct OnnxRunnerRoutesTests {
  /// Runs `body` against a runner over a temporary copy of the model folder.
  private func withRunner(
    _ body: @escaping @Sendable (OnnxRunner, URL, any TestClientProtocol) async throws -> Void
  ) async throws {
    let folder = try OnnxFixtures.modelFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let runner = await OnnxFixtures.runner(libraryPath: try OnnxFixtures.requireLibrary(), modelDirectory: folder)
    let app = Application(
      router: buildComponentRouter(routes: OnnxRunnerRoutes(runner: runner), metrics: AITraderMetrics()),
      logger: silentLogger("api"))
    try await app.test(.router) { client in try await body(runner, folder, client) }
  }

  @Test func healthIsOKWithTheModelOnTheCPU() async throws {
    try await withRunner { _, _, client in
      let answer = try await client.get("/health")
      #expect(answer.status == 200)
      let health = try answer.json()
      #expect(health.member("status") == "ok")
      #expect(health.member("version") == .string(AITraderVersion.current))
      let details = health.member("component")?.member("details")
      #expect(details?.member("runtime_version") == "1.32.0")
      #expect(details?.member("models")?.member("direction")?.member("provider") == "cpu")
    }
  }

  @Test func modelsDescribesTheDirectionModel() async throws {
    try await withRunner { _, folder, client in
      let answer = try await client.get("/models")
      #expect(answer.status == 200)
      let view = try answer.json()
      #expect(view.member("runtime")?.member("available") == .bool(true))
      #expect(view.member("runtime")?.member("version") == "1.32.0")
      #expect(view.member("failures") == .array([]))
      let models = try #require(view.member("models")?.items)
      try #require(models.count == 1)
      let model = models[0]
      #expect(model.member("name") == "direction")
      #expect(model.member("provider") == "cpu")
      #expect(model.member("path")?.text == folder.appendingPathComponent("direction.onnx").path)
      #expect(model.member("inputs") == .array([["name": "features", "type": "float32", "shape": ["?", 6]]]))
      #expect(model.member("outputs")?.items?.compactMap { $0.member("name")?.text } == ["label", "probabilities"])
      #expect(model.member("outputs")?.items?.compactMap { $0.member("type")?.text } == ["int64", "float32"])
      let metadata = model.member("metadata")
      #expect(metadata?.member("graph") == "direction")
      #expect(metadata?.member("version") == 1)
      #expect(metadata?.member("custom")?.member("features") == "r1,r5,r20,vol20,ema10_gap,ema10_30_gap")
      #expect(model.member("batching")?.member("requests") == 0)
    }
  }

  @Test func predictAnswersWhatPythonAnswered() async throws {
    let fixture = try OnnxFixtures.predictions()
    try await withRunner { _, _, client in
      let rows = [fixture.inputs[0], fixture.inputs[303]]
      let answer = try await client.post("/predict", json: ["model": "direction", "inputs": ["features": .rows(rows)]])
      #expect(answer.status == 200, "\(answer.body)")
      let body = try answer.json()
      #expect(body.member("model") == "direction")
      #expect(body.member("types") == ["label": "int64", "probabilities": "float32"])
      let outputs = try #require(body.member("outputs"))
      #expect(outputs.member("label")?.numbers == [Double(fixture.labels[0]), Double(fixture.labels[303])])
      let probabilities = try #require(outputs.member("probabilities")?.items).map(\.numbers)
      let expected = [fixture.probabilities[0], fixture.probabilities[303]]
      #expect(probabilities.count == 2)
      for (row, expectedRow) in zip(probabilities, expected) {
        let row = try #require(row)
        #expect(row.count == 2)
        #expect(zip(row, expectedRow).allSatisfy { abs($0 - Double($1)) <= 1e-6 }, "\(row) vs \(expectedRow)")
      }
    }
  }

  @Test func fiveColumnsAreABadRequestWithOnnxRuntimesMessage() async throws {
    try await withRunner { _, _, client in
      let answer = try await client.post(
        "/predict", json: ["model": "direction", "inputs": ["features": [[0.1, 0.2, 0.3, 0.4, 0.5]]]])
      #expect(answer.status == 400)
      let error = try answer.decoded(ErrorBody.self)
      #expect(error.error == "bad_request")
      #expect(error.detail.contains("invalid dimensions"), "\(error.detail)")
      #expect(error.detail.contains("Got: 5 Expected: 6"), "\(error.detail)")
    }
  }

  @Test func anUnknownModelIsNotFound() async throws {
    try await withRunner { _, _, client in
      let answer = try await client.post(
        "/predict", json: ["model": "nope", "inputs": ["features": [[0, 0, 0, 0, 0, 0]]]])
      #expect(answer.status == 404)
      let error = try answer.decoded(ErrorBody.self)
      #expect(error.error == "not_found")
      #expect(error.detail == "no model named 'nope' is loaded")
    }
  }

  @Test(arguments: [
    (#"{"model": "direction", "inputs": "#, "the body must be JSON"),
    (#"{"inputs": {"features": [[0, 0, 0, 0, 0, 0]]}}"#, "the body must be JSON"),
    (#"{"model": "direction", "inputs": {"features": [[0, 0, 0, 0, 0, 0], [0, 0]]}}"#, "inputs.features[1] is ragged"),
    (
      #"{"model": "direction", "inputs": {"features": [[0, 0, "x", 0, 0, 0]]}}"#,
      "inputs.features[0][2] holds a string where a number belongs"
    ),
    (#"{"model": "direction", "inputs": {"prices": [[0, 0, 0, 0, 0, 0]]}}"#, "model 'direction' has no input 'prices'"),
    // ORT's own words for an input of the wrong rank (an empty list is one dimension).
    (#"{"model": "direction", "inputs": {"features": []}}"#, "Invalid rank for input: features"),
  ])
  func malformedRequestsAreBadRequests(body: String, detail: String) async throws {
    try await withRunner { _, _, client in
      let answer = try await client.post("/predict", body: body)
      #expect(answer.status == 400, "\(answer.body)")
      let error = try answer.decoded(ErrorBody.self)
      #expect(error.error == "bad_request")
      #expect(error.detail.hasPrefix(detail), "\(error.detail)")
    }
  }

  @Test func reloadReportsACorruptFileWhileTheGoodModelServes() async throws {
    let fixture = try OnnxFixtures.predictions()
    try await withRunner { _, folder, client in
      let garbage = Data((0..<2_048).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) })
      try garbage.write(to: folder.appendingPathComponent("bad.onnx"))
      let answer = try await client.post("/models/reload", body: "")
      #expect(answer.status == 200)
      let report = try answer.json()
      #expect(report.member("loaded") == .array([]))
      #expect(report.member("unchanged") == ["direction"])
      let reason = try #require(report.member("failed")?.member("bad")?.text)
      #expect(reason.contains("Protobuf parsing failed") || reason.contains("INVALID_PROTOBUF"), "\(reason)")

      let prediction = try await client.post(
        "/predict", json: ["model": "direction", "inputs": ["features": .rows([fixture.inputs[1]])]])
      #expect(prediction.status == 200, "\(prediction.body)")
      #expect(try prediction.json().member("outputs")?.member("label")?.numbers == [Double(fixture.labels[1])])

      let models = try await client.get("/models").json()
      #expect(models.member("failures")?.items?.compactMap { $0.member("name")?.text } == ["bad"])
      #expect(models.member("failures")?.items?.first?.member("reason")?.text == reason)
      let health = try await client.get("/health").json()
      #expect(health.member("status") == "degraded")
      #expect(health.member("component")?.member("details")?.member("failures")?.member("bad")?.text == reason)
    }
  }

  /// Without its library the runner still answers: degraded, and 503 for predictions.
  @Test func aRunnerWithoutItsLibraryIsDegradedAndAnswers503() async throws {
    let folder = try OnnxFixtures.modelFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let library = "/nonexistent/libonnxruntime.so"
    let runner = await OnnxFixtures.runner(libraryPath: library, modelDirectory: folder)
    let app = Application(
      router: buildComponentRouter(routes: OnnxRunnerRoutes(runner: runner), metrics: AITraderMetrics()),
      logger: silentLogger("api"))
    try await app.test(.router) { client in
      let health = try await client.get("/health").json()
      #expect(health.member("status") == "degraded")
      #expect(health.member("component")?.member("running") == .bool(false))
      let reason = try #require(health.member("component")?.member("details")?.member("reason")?.text)
      #expect(reason.hasPrefix("ONNX Runtime library not found at \(library)"), "\(reason)")

      let prediction = try await client.post(
        "/predict", json: ["model": "direction", "inputs": ["features": [[0, 0, 0, 0, 0, 0]]]])
      #expect(prediction.status == 503)
      let error = try prediction.decoded(ErrorBody.self)
      #expect(error.error == "unavailable")
      #expect(error.detail.hasPrefix("ONNX Runtime library not found at \(library)"), "\(error.detail)")

      let models = try await client.get("/models").json()
      #expect(models.member("runtime")?.member("available") == .bool(false))
      #expect(models.member("runtime")?.member("library")?.text == library)
      #expect(models.member("models") == .array([]))
      #expect(try await client.post("/models/reload", body: "").status == 503)
    }
  }
}
