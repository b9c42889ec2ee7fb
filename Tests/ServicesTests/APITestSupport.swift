import Hummingbird
import Logging
import Services
import Synchronization
import Testing

/// A component that answers at once with a fixed health.
struct FixedComponent: HealthReporting {
  let componentKey: String
  var status: ComponentHealth.Status = .ok
  var details: [String: JSONValue] = ["ticks_per_second": 12.5]

  func health() async -> ComponentHealth {
    ComponentHealth(name: componentKey, status: status, running: true, version: "test", details: details)
  }
}

/// A component that does not answer until it is cancelled.
struct StuckComponent: HealthReporting {
  let componentKey: String

  func health() async -> ComponentHealth {
    try? await Task.sleep(for: .seconds(3_600))
    return ComponentHealth(name: componentKey, status: .ok, running: true, version: "late")
  }
}

/// A status that is always the same, for tests that do not look at it.
struct FixedStatus: StatusProviding {
  func systemStatus() async -> SystemStatus {
    SystemStatus(timestamp: "2024-01-02T03:04:05Z", components: [:])
  }
}

/// Routes that exist only in tests, to reach the middleware from a route added by a route group.
struct ProbeRoutes: APIRoutes {
  /// The error a route throws that the API knows nothing about.
  struct UnexpectedFailure: Error {}

  func register(on router: Router<APIRequestContext>) {
    router.get("/probe/query") { request, _ in try Self.describeQuery(of: request) }
    router.post("/probe/echo") { request, _ -> String in
      var request = request
      let body = try await request.collectBody(upTo: .max)
      return "\(body.readableBytes)"
    }
    router.get("/probe/unexpected") { _, _ -> String in throw UnexpectedFailure() }
    router.get("/probe/server-error") { _, _ in Response(status: .internalServerError) }
  }

  /// Reads the query the way a list endpoint would, and echoes what it read.
  private static func describeQuery(of request: Request) throws -> String {
    let query = QueryParameters(request)
    try query.requireOnly(["limit", "min_score", "symbol", "side", "cursor"])
    let limit = try query.integer("limit", in: 1...100, default: 50)
    let minScore = try query.number("min_score", in: 0...1)
    let symbol = try query.symbol("symbol")
    let side = try query.value("side", allowed: [ProbeSide(rawValue: "BUY"), ProbeSide(rawValue: "SELL")])
    let cursor = try query.text("cursor", maximumLength: 64)
    let minScoreText = minScore.map { "\($0)" } ?? "-"
    let sideText = side?.rawValue ?? "-"
    return "limit=\(limit) min_score=\(minScoreText) symbol=\(symbol ?? "-") side=\(sideText) cursor=\(cursor ?? "-")"
  }
}

/// A string-backed value for `QueryParameters.value(_:allowed:)`.
struct ProbeSide: RawRepresentable, Hashable {
  var rawValue: String
}

/// Polls `condition` until it holds or `timeout` passes; says whether it held.
func eventually(
  timeout: Duration = .seconds(20), _ condition: @Sendable () async -> Bool
) async -> Bool {
  let deadline = ContinuousClock.now + timeout
  while ContinuousClock.now < deadline {
    if await condition() { return true }
    try? await Task.sleep(for: .milliseconds(2))
  }
  return await condition()
}

/// A logger that prints nothing below warnings.
func quietLogger(_ label: String) -> Logger {
  var logger = Logger(label: label)
  logger.logLevel = .warning
  return logger
}

/// Runs `body` with `router` served on a free loopback port.
func withComponentServer(
  _ router: Router<APIRequestContext>, _ body: @Sendable (String) async throws -> Void
) async throws {
  let port = Mutex<Int?>(nil)
  let app = buildComponentApplication(
    router: router, host: "127.0.0.1", port: 0, onServerRunning: { bound in port.withLock { $0 = bound } },
    logger: quietLogger("component"))
  try await withThrowingTaskGroup(of: Void.self) { group in
    group.addTask { try await app.runService() }
    var bound: Int?
    for _ in 0..<500 where bound == nil {
      bound = port.withLock { $0 }
      if bound == nil { try await Task.sleep(for: .milliseconds(10)) }
    }
    try await body("http://127.0.0.1:\(try #require(bound))")
    group.cancelAll()
  }
}
