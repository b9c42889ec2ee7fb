import Hummingbird

/// `GET /health`, `GET /api/status` and `GET /metrics`: the endpoints that need no store.
public struct SystemRoutes: APIRoutes {
  /// The content type of the Prometheus text exposition format.
  public static let metricsContentType = "text/plain; version=0.0.4"

  private let status: any StatusProviding
  private let metrics: AITraderMetrics
  private let startedAt: ContinuousClock.Instant

  /// - Parameter startedAt: when the process started, for `uptime_seconds`.
  public init(status: some StatusProviding, metrics: AITraderMetrics, startedAt: ContinuousClock.Instant = .now) {
    self.status = status
    self.metrics = metrics
    self.startedAt = startedAt
  }

  public func register(on router: Router<APIRequestContext>) {
    router.get("/health") { _, _ in
      HealthReport(status: "ok", version: AITraderVersion.current, uptimeSeconds: (.now - startedAt) / .seconds(1))
    }
    router.get("/api/status") { _, _ in
      await status.systemStatus()
    }
    router.get("/metrics") { _, _ in
      Response(
        status: .ok, headers: [.contentType: Self.metricsContentType],
        body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.exposition())))
    }
  }
}

/// The body of `GET /health`.
struct HealthReport: ResponseEncodable {
  var status: String
  var version: String
  var uptimeSeconds: Double

  enum CodingKeys: String, CodingKey {
    case status, version
    case uptimeSeconds = "uptime_seconds"
  }
}

extension SystemStatus: ResponseEncodable {}
