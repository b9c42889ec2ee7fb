import Foundation
import Hummingbird
import HummingbirdTesting
import Inference
import Logging
import ServiceLifecycle
import Services
import Synchronization
import Testing

/// ONNX Runtime, the direction model and Python's answers for it, as the runner tests use them.
///
/// `make test` sets `AITRADER_VENDOR_DIR`; without it the vendor folder is `<repo>/.vendor`.
/// On Linux x86_64 (where `scripts/setup.sh` installs the library) a missing library fails the
/// tests that need it; elsewhere they are skipped.
enum OnnxFixtures {
  struct Missing: Error, CustomStringConvertible {
    let description: String
  }

  /// Python onnxruntime's answers for fixed inputs (`Tests/InferenceTests/Fixtures`).
  struct Predictions: Decodable {
    var inputs: [[Float]]
    var labels: [Int64]
    var probabilities: [[Float]]
  }

  static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static var libraryPath: String {
    let vendor =
      ProcessInfo.processInfo.environment["AITRADER_VENDOR_DIR"].map { URL(fileURLWithPath: $0) }
      ?? repositoryRoot.appendingPathComponent(".vendor")
    return vendor.appendingPathComponent("onnxruntime/lib/libonnxruntime.so").path
  }

  /// Whether the tests that need the library run (see the type's comment).
  static var shouldRun: Bool {
    #if os(Linux) && arch(x86_64)
      true
    #else
      FileManager.default.fileExists(atPath: libraryPath)
    #endif
  }

  /// The library's path, or an error telling how to install it.
  static func requireLibrary() throws -> String {
    guard FileManager.default.fileExists(atPath: libraryPath) else {
      throw Missing(description: "ONNX Runtime library not found at \(libraryPath); run `bash scripts/setup.sh`")
    }
    return libraryPath
  }

  static func predictions() throws -> Predictions {
    let url = repositoryRoot.appendingPathComponent("Tests/InferenceTests/Fixtures/direction_predictions.json")
    return try JSONDecoder().decode(Predictions.self, from: Data(contentsOf: url))
  }

  /// A fresh temporary folder holding a copy of `models/direction.onnx`.
  static func modelFolder() throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aitrader-models-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: repositoryRoot.appendingPathComponent("models/direction.onnx"),
      to: directory.appendingPathComponent("direction.onnx"))
    return directory
  }

  /// A runner over `modelDirectory`, without hot reload.
  static func runner(libraryPath: String, modelDirectory: URL) async -> OnnxRunner {
    await OnnxRunner.start(
      OnnxRunner.Configuration(libraryPath: libraryPath, modelDirectory: modelDirectory.path, reloadInterval: nil),
      logger: silentLogger("onnx-runner"))
  }
}

/// A logger that prints nothing (the runner logs every model that fails to load, on purpose here).
func silentLogger(_ label: String) -> Logger {
  var logger = Logger(label: label)
  logger.logLevel = .critical
  return logger
}

/// The ONNX runner's HTTP server, started in a service group on 127.0.0.1.
struct RunningOnnxRunner {
  let port: Int
  let services: ServiceGroup
  let task: Task<Void, any Error>

  /// Serves `runner` on `port` (0: any free port) and waits until it listens.
  static func start(_ runner: OnnxRunner, port: Int = 0) async throws -> RunningOnnxRunner {
    let boundPort = Mutex<Int?>(nil)
    let application = buildComponentApplication(
      router: buildComponentRouter(routes: OnnxRunnerRoutes(runner: runner), metrics: AITraderMetrics()),
      host: "127.0.0.1", port: port,
      onServerRunning: { port in boundPort.withLock { $0 = port } }, logger: silentLogger("onnx-runner-http"))
    let services = ServiceGroup(
      configuration: ServiceGroupConfiguration(services: [.init(service: application)], logger: silentLogger("group")))
    let task = Task { try await services.run() }
    guard await eventually(timeout: .seconds(30), { boundPort.withLock { $0 } != nil }),
      let bound = boundPort.withLock({ $0 })
    else {
      task.cancel()
      throw OnnxFixtures.Missing(description: "the runner's server did not start on port \(port)")
    }
    return RunningOnnxRunner(port: bound, services: services, task: task)
  }

  /// Shuts the server down and waits until it has.
  func stop() async throws {
    await services.triggerGracefulShutdown()
    try await task.value
  }
}

extension JSONValue {
  /// The member `key` of an object; nil for anything else.
  func member(_ key: String) -> JSONValue? {
    if case .object(let members) = self { return members[key] }
    return nil
  }

  /// The items of an array; nil for anything else.
  var items: [JSONValue]? {
    if case .array(let items) = self { return items }
    return nil
  }

  /// The numbers of an array holding only numbers.
  var numbers: [Double]? {
    guard let items else { return nil }
    let numbers = items.compactMap { item -> Double? in if case .number(let number) = item { number } else { nil } }
    return numbers.count == items.count ? numbers : nil
  }

  var text: String? {
    if case .string(let text) = self { return text }
    return nil
  }
}

extension JSONValue {
  /// A matrix of float32 rows as nested JSON arrays.
  static func rows(_ rows: [[Float]]) -> JSONValue {
    .array(rows.map { .array($0.map { .number(Double($0)) }) })
  }
}

extension HTTPAnswer {
  /// The body as JSON.
  func json() throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: Data(body.utf8)) }
}

extension TestClientProtocol {
  /// `POST uri` with a JSON body.
  func post(_ uri: String, json: JSONValue) async throws -> HTTPAnswer {
    try await post(uri, body: String(decoding: try JSONEncoder().encode(json), as: UTF8.self))
  }

  /// `POST uri` with `body` as JSON text.
  func post(_ uri: String, body: String) async throws -> HTTPAnswer {
    try await execute(
      uri: uri, method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body)
    ) { response in
      HTTPAnswer(status: Int(response.status.code), body: String(buffer: response.body))
    }
  }
}
