import Foundation
import Hummingbird
import HummingbirdTesting
import Sentiment
import Services
import Testing

/// Real responses of FinBERT and the sentiment engine against `docs/finbert.openapi.yaml` and
/// `docs/sentiment-engine.openapi.yaml`.
@Suite struct SentimentContractTests {
  /// The document `docs/<name>`; the loader finds `docs` three levels above the path it is given.
  private func validator(_ name: String) throws -> OpenAPIValidator {
    try OpenAPIValidator.load(
      document: name, filePath: URL(fileURLWithPath: #filePath).deletingLastPathComponent().path)
  }

  private func check(
    _ validator: OpenAPIValidator, _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ path: String,
    documentedAs documented: String? = nil, body: String? = nil, status: HTTPResponse.Status
  ) async throws {
    try await client.execute(uri: path, method: method, body: body.map { ByteBuffer(string: $0) }) { response in
      #expect(response.status == status, "\(method) \(path)")
      let text = String(buffer: response.body)
      let violations = try validator.violations(
        ofBody: text, path: documented ?? path, method: method.rawValue.lowercased(), status: Int(status.code))
      #expect(violations == [], "\(path): \(text)")
    }
  }

  @Test func finbertAnswersAsDocumented() async throws {
    let validator = try validator("finbert.openapi.yaml")
    for service in [FinBERTService(scorer: NewsFixtures.lexicon), FinBERTService(scorer: nil, fallbackReason: "none")] {
      let app = Application(
        router: buildComponentRouter(routes: FinBERTRoutes(service: service), metrics: AITraderMetrics()),
        logger: quietLogger("finbert"))
      let working = service.scorer != nil
      try await app.test(.router) { client in
        try await check(validator, client, .get, "/health", status: .ok)
        try await check(
          validator, client, .post, "/analyze", body: #"{"texts": ["Record gain", "Lawsuit", "Meeting"]}"#,
          status: working ? .ok : .serviceUnavailable)
        try await check(validator, client, .post, "/analyze", body: #"{"texts": []}"#, status: .badRequest)
      }
    }
  }

  @Test func theEngineAnswersAsDocumented() async throws {
    let validator = try validator("sentiment-engine.openapi.yaml")
    let source = ScriptedNewsSource(name: "wire")
    source.enqueue(.success(NewsFetch(items: [NewsFixtures.item("Strong gain", symbols: ["MSFT"])])))
    let engine = SentimentEngine(
      configuration: .init(symbols: ["AAPL", "MSFT"]), sources: [.init(source, every: .seconds(5))],
      scorer: NewsFixtures.lexicon, now: { NewsFixtures.start }, logger: quietLogger("sentiment"))
    await engine.refresh()
    let app = Application(
      router: buildComponentRouter(routes: SentimentEngineRoutes(engine: engine), metrics: AITraderMetrics()),
      logger: quietLogger("sentiment"))
    try await app.test(.router) { client in
      try await check(validator, client, .get, "/health", status: .ok)
      for symbol in ["MSFT", "AAPL"] {
        try await check(
          validator, client, .get, "/sentiment/\(symbol)", documentedAs: "/sentiment/{symbol}", status: .ok)
      }
      try await check(
        validator, client, .get, "/sentiment/NFLX", documentedAs: "/sentiment/{symbol}", status: .notFound)
      try await check(validator, client, .get, "/sentiment?symbols=MSFT,AAPL", documentedAs: "/sentiment", status: .ok)
      try await check(validator, client, .get, "/sentiment?symbols=,", documentedAs: "/sentiment", status: .badRequest)
    }
  }
}
