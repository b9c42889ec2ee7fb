import Foundation
import Hummingbird
import HummingbirdTesting
import Services
import Testing

@Suite struct SystemRoutesTests {
  let validator: OpenAPIValidator

  init() throws {
    validator = try OpenAPIValidator.load()
  }

  private func makeApp(status: some StatusProviding = FixedStatus(), metrics: AITraderMetrics = AITraderMetrics())
    -> some ApplicationProtocol
  {
    let endpoint = WebSocketEndpoint(hub: EventHub(), metrics: metrics, logger: quietLogger("ws"))
    let router = buildRouter(status: status, webSocket: endpoint, metrics: metrics)
    return Application(router: router, logger: quietLogger("api"))
  }

  @Test func healthSaysOKWithVersionAndUptime() async throws {
    try await makeApp().test(.router) { client in
      try await client.execute(uri: "/health", method: .get) { response in
        #expect(response.status == .ok)
        let body = String(buffer: response.body)
        #expect(try validator.violations(ofBody: body, path: "/health", status: 200) == [])
        let health = try JSONDecoder().decode([String: JSONValue].self, from: Data(body.utf8))
        #expect(health["status"] == "ok")
        #expect(health["version"] == .string(AITraderVersion.current))
      }
    }
  }

  @Test func statusListsEveryComponentWithTimeoutsAndMissingOnes() async throws {
    let aggregator = StatusAggregator(
      components: [
        FixedComponent(componentKey: "pattern_engine"),
        FixedComponent(componentKey: "broker", status: .degraded, details: ["last_error": "slow quotes"]),
        StuckComponent(componentKey: "store"),
      ],
      timeout: .milliseconds(50))
    try await makeApp(status: aggregator).test(.router) { client in
      try await client.execute(uri: "/api/status", method: .get) { response in
        #expect(response.status == .ok)
        let body = String(buffer: response.body)
        #expect(try validator.violations(ofBody: body, path: "/api/status", status: 200) == [])
        let status = try JSONDecoder().decode(SystemStatus.self, from: Data(body.utf8))
        #expect(Set(status.components.keys) == Set(SystemStatus.componentKeys))
        #expect(status.components["pattern_engine"]?.status == .ok)
        #expect(status.components["pattern_engine"]?.details["ticks_per_second"] == 12.5)
        #expect(status.components["broker"]?.status == .degraded)
        #expect(status.components["store"]?.status == .error)
        #expect(status.components["store"]?.details["error"] == "timeout")
        for key in ["strategy_engine", "execution", "event_bus", "onnx_runner", "sentiment_engine", "finbert"] {
          #expect(status.components[key]?.status == .notConfigured, "\(key)")
          #expect(status.components[key]?.running == false, "\(key)")
        }
      }
    }
  }

  @Test func metricsShowRecordedCountsInPrometheusText() async throws {
    let metrics = AITraderMetrics()
    for _ in 0..<3 { metrics.recordTick() }
    metrics.recordRejectedTick(reason: "malformed_symbol")
    metrics.recordRejectedTick(reason: "malformed_symbol")
    metrics.recordRejectedTick(reason: "out_of_order")
    metrics.recordSignal()
    metrics.recordOrder(side: .buy)
    metrics.recordOrder(side: .sell)
    metrics.recordOrder(side: .sell)
    metrics.recordFill()
    metrics.recordSignalToOrder(seconds: 0.000_003)
    metrics.changeWebSocketClients(by: 2)
    try await makeApp(metrics: metrics).test(.router) { client in
      try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
      try await client.execute(uri: "/metrics", method: .get) { response in
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == SystemRoutes.metricsContentType)
        let lines = Set(String(buffer: response.body).split(separator: "\n").map(String.init))
        let expected = [
          "aitrader_ticks_processed_total 3",
          #"aitrader_ticks_rejected_total{reason="malformed_symbol"} 2"#,
          #"aitrader_ticks_rejected_total{reason="out_of_order"} 1"#,
          "aitrader_signals_total 1",
          #"aitrader_orders_total{side="BUY"} 1"#,
          #"aitrader_orders_total{side="SELL"} 2"#,
          "aitrader_fills_total 1",
          "aitrader_signal_to_order_seconds_count 1",
          #"aitrader_signal_to_order_seconds_bucket{le="2.5e-06"} 0"#,
          #"aitrader_signal_to_order_seconds_bucket{le="5e-06"} 1"#,
          #"aitrader_signal_to_order_seconds_bucket{le="0.1"} 1"#,
          "aitrader_websocket_clients 2.0",
          #"aitrader_http_requests_total{method="GET",path="/health",status="200"} 1"#,
        ]
        for line in expected { #expect(lines.contains(line), "missing \(line)") }
        #expect(lines.contains { $0.hasPrefix("aitrader_http_request_duration_seconds_count{") })
        let memory = lines.first { $0.hasPrefix("aitrader_resident_memory_bytes ") }
        #expect(memory.flatMap { Double($0.split(separator: " ")[1]) }.map { $0 > 0 } == true)
      }
    }
  }
}
