import Foundation
import Hummingbird
import HummingbirdTesting
import Services
import Testing

/// Real responses of the ONNX runner against `docs/onnx-runner.openapi.yaml`.
@Suite struct OnnxRunnerContractTests {
  let validator: OpenAPIValidator
  let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  init() throws {
    validator = try OpenAPIValidator.load(document: "onnx-runner.openapi.yaml")
  }

  private var libraryPath: String {
    let vendor =
      ProcessInfo.processInfo.environment["AITRADER_VENDOR_DIR"] ?? repository.appendingPathComponent(".vendor").path
    return vendor + "/onnxruntime/lib/libonnxruntime.so"
  }

  private func runner(libraryPath: String? = nil) async -> OnnxRunner {
    await OnnxRunner.start(
      OnnxRunner.Configuration(
        libraryPath: libraryPath ?? self.libraryPath, modelDirectory: repository.appendingPathComponent("models").path,
        reloadInterval: nil),
      logger: quietLogger("onnx"))
  }

  private func check(
    _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ path: String, body: String? = nil,
    status: HTTPResponse.Status
  ) async throws {
    try await client.execute(uri: path, method: method, body: body.map { ByteBuffer(string: $0) }) { response in
      #expect(response.status == status, "\(method) \(path)")
      let text = String(buffer: response.body)
      let violations = try validator.violations(
        ofBody: text, path: path, method: method.rawValue.lowercased(), status: Int(status.code))
      #expect(violations == [], "\(text)")
    }
  }

  @Test func everyEndpointAnswersAsDocumented() async throws {
    let runner = await runner()
    guard case .success = runner.runtime else {
      Issue.record("ONNX Runtime not found at \(libraryPath): run `bash scripts/setup.sh`")
      return
    }
    let app = Application(
      router: buildComponentRouter(routes: OnnxRunnerRoutes(runner: runner), metrics: AITraderMetrics()),
      logger: quietLogger("onnx"))
    try await app.test(.router) { client in
      try await check(client, .get, "/health", status: .ok)
      try await check(client, .get, "/models", status: .ok)
      try await check(client, .post, "/models/reload", status: .ok)
      let row = "[0.001, 0.004, 0.012, 0.009, 0.002, 0.001]"
      try await check(
        client, .post, "/predict", body: #"{"model": "direction", "inputs": {"features": [\#(row), \#(row)]}}"#,
        status: .ok)
      try await check(
        client, .post, "/predict", body: #"{"model": "direction", "inputs": {"features": [[1, 2, 3]]}}"#,
        status: .badRequest)
      try await check(client, .post, "/predict", body: #"{"model": "nope", "inputs": {}}"#, status: .notFound)
    }
  }

  @Test func aRunnerWithoutItsLibraryAnswersAsDocumented() async throws {
    let runner = await runner(libraryPath: "/nonexistent/libonnxruntime.so")
    let app = Application(
      router: buildComponentRouter(routes: OnnxRunnerRoutes(runner: runner), metrics: AITraderMetrics()),
      logger: quietLogger("onnx"))
    try await app.test(.router) { client in
      try await check(client, .get, "/health", status: .ok)
      try await check(client, .get, "/models", status: .ok)
      try await check(client, .post, "/models/reload", status: .serviceUnavailable)
      try await check(
        client, .post, "/predict", body: #"{"model": "direction", "inputs": {"features": [[0, 0, 0, 0, 0, 0]]}}"#,
        status: .serviceUnavailable)
    }
  }
}
