import Foundation
import TestServers
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// An `aitrader run` process on a free port, with its output in files, for end-to-end tests.
///
/// `swift build --build-tests` builds the executable next to the test bundle; set `AITRADER_BIN`
/// to test another build.
///
/// `@unchecked Sendable`: its stored properties never change after `start`, and `Process` is
/// only asked for its state, which Foundation guards.
final class RunningAITrader: @unchecked Sendable {
  let process: Process
  let port: Int
  let label: String
  let outputURL: URL

  private init(process: Process, port: Int, label: String, outputURL: URL) {
    self.process = process
    self.port = port
    self.label = label
    self.outputURL = outputURL
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Starts `aitrader run --data-dir <dataDirectory> --port <free port> <arguments>`, or with
  /// `serving`, `aitrader serve <component> --port <free port> <arguments>` (its output goes to
  /// `dataDirectory`), and waits until `/health` answers; retries on another port if the chosen
  /// one was taken meanwhile. With `port`, listens there (and tries only once).
  static func start(
    dataDirectory: URL, arguments: [String], environment: [String: String] = [:], label: String,
    serving component: String? = nil, port fixedPort: Int? = nil
  ) async throws -> RunningAITrader {
    var lastFailure = ""
    for attempt in 1...(fixedPort == nil ? 3 : 1) {
      let port = try fixedPort ?? freePort()
      let outputURL = dataDirectory.appendingPathComponent("\(label)-\(attempt).log")
      guard FileManager.default.createFile(atPath: outputURL.path, contents: nil) else {
        throw Failure(description: "cannot create \(outputURL.path)")
      }
      let output = try FileHandle(forWritingTo: outputURL)
      let process = Process()
      process.executableURL = try executable()
      process.arguments =
        (component.map { ["serve", $0] } ?? ["run", "--data-dir", dataDirectory.path])
        + ["--port", String(port), "--host", "127.0.0.1"] + arguments
      // The in-process ONNX runner, FinBERT and sentiment engine listen on ports of the kernel's
      // choosing, so that processes started side by side do not contend for 8001, 8004, 8002.
      process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AITRADER_") }
        .merging(["AITRADER_ONNX_PORT": "0", "AITRADER_FINBERT_PORT": "0", "AITRADER_SENTIMENT_PORT": "0"]) {
          _, new in new
        }
        .merging(environment) { _, new in new }
      process.standardOutput = output
      process.standardError = output
      try process.run()
      try output.close()
      let running = RunningAITrader(process: process, port: port, label: label, outputURL: outputURL)
      let healthy = await running.eventually(timeout: .seconds(60)) {
        try await running.get("/health").status == 200
      }
      if healthy { return running }
      lastFailure = running.diagnostics()
      running.forceStop()
    }
    throw Failure(description: "\(label): aitrader did not become healthy\n\(lastFailure)")
  }

  /// A port nothing listens on right now (below the ephemeral range: see `LoopbackPort`).
  static func freePort() throws -> Int { try LoopbackPort.free() }

  /// `$AITRADER_BIN`, else `aitrader` next to the test bundle, else `.build/debug/aitrader`.
  static func executable() throws -> URL {
    var candidates: [URL] = []
    if let path = ProcessInfo.processInfo.environment["AITRADER_BIN"] { candidates.append(URL(fileURLWithPath: path)) }
    var directories: [URL] = []
    if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
    directories.append(Bundle.main.bundleURL.deletingLastPathComponent())
    directories.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
    for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
      directories.append(bundle.bundleURL.deletingLastPathComponent())
    }
    candidates += directories.map { $0.appendingPathComponent("aitrader") }
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    candidates.append(packageRoot.appendingPathComponent(".build/debug/aitrader"))
    for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
        return candidate
      }
    }
    throw Failure(description: "aitrader not found; looked in \(candidates.map(\.path).joined(separator: ", "))")
  }

  static func temporaryDirectory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aitrader-restart-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
  }

  /// `GET path` on the process, with a short timeout.
  func get(_ path: String) async throws -> HTTPAnswer {
    guard process.isRunning else { throw Failure(description: "\(label) exited with \(process.terminationStatus)") }
    guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else {
      throw Failure(description: "bad path \(path)")
    }
    var request = URLRequest(url: url)
    request.timeoutInterval = 10
    let (data, response) = try await Self.session.data(for: request)
    let status = (response as? HTTPURLResponse)?.statusCode ?? 0
    return HTTPAnswer(status: status, body: String(decoding: data, as: UTF8.self))
  }

  private static let session: URLSession = {
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = 10
    configuration.timeoutIntervalForResource = 20
    return URLSession(configuration: configuration)
  }()

  /// `GET path`, which must answer 200, decoded.
  func getJSON<Body: Decodable>(_ path: String, as type: Body.Type) async throws -> Body {
    let answer = try await get(path)
    guard answer.status == 200 else {
      throw Failure(description: "GET \(path) answered \(answer.status): \(answer.body)")
    }
    return try answer.decoded(type)
  }

  /// Every item of a listing, following `next_cursor` (at most 10,000 pages).
  func walk<Item: Decodable>(_ listing: String, as item: Item.Type) async throws -> [Item] {
    var items: [Item] = []
    var cursor: String?
    var pages = 0
    repeat {
      let page = try await getJSON(
        cursor.map { "\(listing)&cursor=\($0)" } ?? listing, as: PageBody<Item>.self)
      items += page.items
      cursor = page.nextCursor
      pages += 1
    } while cursor != nil && pages < 10_000
    guard cursor == nil else { throw Failure(description: "\(listing) did not end after \(pages) pages") }
    return items
  }

  /// Polls `condition` every `interval` (errors count as "not yet") until it holds, `timeout`
  /// passes, or the process exits.
  func eventually(
    timeout: Duration, every interval: Duration = .milliseconds(100), _ condition: @Sendable () async throws -> Bool
  ) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline, process.isRunning {
      if (try? await condition()) == true { return true }
      try? await Task.sleep(for: interval)
    }
    return false
  }

  /// Sends SIGTERM and waits (at most 60 s) for the exit; returns the exit status, or throws if
  /// the process had to be killed or died of a signal.
  func terminate() async throws -> Int32 {
    _ = Glibc.kill(process.processIdentifier, SIGTERM)
    let deadline = ContinuousClock.now + .seconds(60)
    while process.isRunning, ContinuousClock.now < deadline {
      try? await Task.sleep(for: .milliseconds(50))
    }
    guard !process.isRunning else {
      forceStop()
      throw Failure(description: "\(label) did not exit within 60 s of SIGTERM\n\(diagnostics())")
    }
    guard process.terminationReason == .exit else {
      throw Failure(description: "\(label) died of signal \(process.terminationStatus)\n\(diagnostics())")
    }
    return process.terminationStatus
  }

  /// Kills the process (SIGKILL) and waits for it, after a failure.
  func forceStop() {
    guard process.isRunning else { return }
    _ = Glibc.kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }

  /// The end of what the process printed.
  func diagnostics() -> String {
    let text = (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
    return "--- \(label) output (last 4000 characters) ---\n\(text.suffix(4_000))"
  }
}

/// What the first run showed before it was stopped.
struct Recording {
  var signals: [String]
  var orders: [OrderBody]
  var fills: [String]
  var positions: [PositionBody]

  init(of running: RunningAITrader) async throws {
    // Positions first: every later listing is at least as new as they are.
    positions = try await running.getJSON("/api/positions", as: PositionsBody.self).items
    signals = try await running.walk("/api/signals?limit=100", as: SignalBody.self).map(\.id)
    orders = try await running.walk("/api/orders?limit=100", as: OrderBody.self)
    fills = try await running.walk("/api/fills?limit=100", as: FillBody.self).map(\.id)
  }
}

struct PositionsBody: Decodable {
  var items: [PositionBody]
}

struct PositionBody: Decodable {
  var symbol: String
  var quantity: String
  var averagePrice: String
}

/// A position as the restart test compares it: exact decimal texts.
struct PositionRecordSummary: Equatable, CustomStringConvertible {
  var symbol: String
  var quantity: String
  var averagePrice: String
  var description: String { "\(symbol) \(quantity) @ \(averagePrice)" }
}
