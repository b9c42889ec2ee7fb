import Foundation
import Hummingbird
import HummingbirdTesting
import Services
import Testing

@Suite struct APIErrorTests {
  let validator: OpenAPIValidator

  init() throws {
    validator = try OpenAPIValidator.load()
  }

  private func makeApp(metrics: AITraderMetrics = AITraderMetrics(), maximumBodyBytes: Int = 1 << 20)
    -> some ApplicationProtocol
  {
    let endpoint = WebSocketEndpoint(hub: EventHub(), metrics: metrics, logger: quietLogger("ws"))
    let router = buildRouter(
      status: FixedStatus(), webSocket: endpoint, metrics: metrics, routes: [ProbeRoutes()],
      maximumBodyBytes: maximumBodyBytes)
    return Application(router: router, logger: quietLogger("api"))
  }

  /// The decoded error body, after checking it against the `Error` schema.
  private func errorBody(_ response: TestResponse) throws -> APIErrorBody {
    #expect(response.headers[.contentType] == "application/json; charset=utf-8")
    let body = String(buffer: response.body)
    let value = try JSONDecoder().decode(JSONValue.self, from: Data(body.utf8))
    #expect(validator.violations(of: value, againstSchemaNamed: "Error") == [])
    return try JSONDecoder().decode(APIErrorBody.self, from: Data(body.utf8))
  }

  @Test(arguments: ["/nope", "/api/nothing/here", "/health/extra"])
  func unknownRouteIsNotFoundJSON(path: String) async throws {
    try await makeApp().test(.router) { client in
      try await client.execute(uri: path, method: .get) { response in
        #expect(response.status == .notFound)
        let body = try errorBody(response)
        #expect(body.error == "not_found")
      }
    }
  }

  @Test func wrongMethodOnAKnownPathIsNotFoundJSON() async throws {
    try await makeApp().test(.router) { client in
      try await client.execute(uri: "/health", method: .delete) { response in
        #expect(response.status == .notFound)
        let body = try errorBody(response)
        #expect(body.error == "not_found")
      }
    }
  }

  @Test(arguments: [
    ("limit=500", "limit must be an integer in 1…100, got 500"),
    ("limit=0", "limit must be an integer in 1…100, got 0"),
    ("limit=abc", "limit must be an integer in 1…100, got abc"),
    ("limit=", "limit must be an integer in 1…100, got ''"),
    ("limit=1&limit=2", "limit must be given at most once, got 2 values"),
    ("min_score=nan", "min_score must be a number in 0.0…1.0, got nan"),
    ("min_score=1.5", "min_score must be a number in 0.0…1.0, got 1.5"),
    ("min_score=inf", "min_score must be a number in 0.0…1.0, got inf"),
    ("symbol=a%20b", "symbol must be 1–20 characters of A–Z, 0–9, '.', '/', ':', '_', '-', got 'a b'"),
    (
      "symbol=ABCDEFGHIJKLMNOPQRSTU",
      "symbol must be 1–20 characters of A–Z, 0–9, '.', '/', ':', '_', '-', got ABCDEFGHIJKLMNOPQRSTU"
    ),
    ("side=HOLD", "side must be one of BUY, SELL, got HOLD"),
    ("cursor=", "cursor must be 1–64 characters, got 0"),
    ("colour=red", "unknown query parameter 'colour'; allowed: cursor, limit, min_score, side, symbol"),
  ])
  func badQueryParameterIsBadRequestJSON(query: String, detail: String) async throws {
    try await makeApp().test(.router) { client in
      try await client.execute(uri: "/probe/query?\(query)", method: .get) { response in
        #expect(response.status == .badRequest)
        let body = try errorBody(response)
        #expect(body.error == "bad_request")
        #expect(body.detail == detail)
        let violations = try validator.violations(
          ofBody: String(buffer: response.body), path: "/api/signals", status: 400)
        #expect(violations == [])
      }
    }
  }

  @Test func goodQueryParametersAreParsed() async throws {
    try await makeApp().test(.router) { client in
      let uri = "/probe/query?limit=10&min_score=0.25&symbol=brk.b&side=SELL&cursor=c-1"
      try await client.execute(uri: uri, method: .get) { response in
        #expect(response.status == .ok)
        #expect(String(buffer: response.body) == "limit=10 min_score=0.25 symbol=BRK.B side=SELL cursor=c-1")
      }
      try await client.execute(uri: "/probe/query", method: .get) { response in
        #expect(String(buffer: response.body) == "limit=50 min_score=- symbol=- side=- cursor=-")
      }
    }
  }

  @Test func bodyOverTheLimitIsPayloadTooLargeJSON() async throws {
    try await makeApp(maximumBodyBytes: 1_024).test(.router) { client in
      let large = ByteBuffer(repeating: UInt8(ascii: "x"), count: 1_025)
      try await client.execute(uri: "/probe/echo", method: .post, body: large) { response in
        #expect(response.status == .contentTooLarge)
        let body = try errorBody(response)
        #expect(body.error == "payload_too_large")
        #expect(body.detail == "request body exceeds the limit of 1024 bytes")
      }
      let declared = ByteBuffer(repeating: UInt8(ascii: "x"), count: 2_048)
      try await client.execute(
        uri: "/nowhere", method: .put, headers: [.contentLength: "2048"], body: declared
      ) { response in
        #expect(response.status == .contentTooLarge)
        let body = try errorBody(response)
        #expect(body.error == "payload_too_large")
      }
      let small = ByteBuffer(repeating: UInt8(ascii: "x"), count: 1_024)
      try await client.execute(uri: "/probe/echo", method: .post, body: small) { response in
        #expect(response.status == .ok)
        #expect(String(buffer: response.body) == "1024")
      }
    }
  }

  @Test func bodyOverTheLimitIsRefusedOnALiveConnectionThatStaysUsable() async throws {
    try await makeApp(maximumBodyBytes: 1_024).test(.live) { client in
      let large = ByteBuffer(repeating: UInt8(ascii: "x"), count: 256 * 1_024)
      try await client.execute(uri: "/probe/echo", method: .post, body: large) { response in
        #expect(response.status == .contentTooLarge)
        let body = try errorBody(response)
        #expect(body.error == "payload_too_large")
      }
      try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
    }
  }

  @Test(arguments: ["/probe/unexpected", "/probe/server-error"])
  func unexpectedFailureIsUnavailableNeverA500(path: String) async throws {
    try await makeApp().test(.router) { client in
      try await client.execute(uri: path, method: .get) { response in
        #expect(response.status == .serviceUnavailable)
        let body = try errorBody(response)
        #expect(body.error == "unavailable")
      }
    }
  }

  @Test func plainGetOfTheWebSocketPathIsBadRequestJSON() async throws {
    try await makeApp().test(.router) { client in
      try await client.execute(uri: "/ws", method: .get) { response in
        #expect(response.status == .badRequest)
        let body = try errorBody(response)
        #expect(body.detail == "/ws needs a WebSocket upgrade (Upgrade: websocket)")
      }
    }
  }

  @Test func httpMetricsLabelTheMatchedRouteNotTheURL() async throws {
    let metrics = AITraderMetrics()
    try await makeApp(metrics: metrics).test(.router) { client in
      try await client.execute(uri: "/nope/123", method: .get) { #expect($0.status == .notFound) }
      try await client.execute(uri: "/probe/query?limit=7", method: .get) { #expect($0.status == .ok) }
      try await client.execute(uri: "/probe/query?limit=700", method: .get) { #expect($0.status == .badRequest) }
    }
    let text = metrics.exposition()
    #expect(text.contains(#"aitrader_http_requests_total{method="GET",path="unmatched",status="404"} 1"#))
    #expect(text.contains(#"aitrader_http_requests_total{method="GET",path="/probe/query",status="200"} 1"#))
    #expect(text.contains(#"aitrader_http_requests_total{method="GET",path="/probe/query",status="400"} 1"#))
    #expect(!text.contains("/nope/123"))
    #expect(!text.contains("limit=7"))
  }
}
