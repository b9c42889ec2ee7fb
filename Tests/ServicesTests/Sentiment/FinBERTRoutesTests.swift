import Foundation
import Hummingbird
import HummingbirdTesting
import Sentiment
import Services
import Testing

/// `POST /analyze` and `/health` of the FinBERT service over a lexicon the test writes, so
/// every expected probability is worked out by hand; and every kind of bad input.
@Suite struct FinBERTRoutesTests {
  /// The lexicon scorer over a hand-made word list.
  static let scorer = LexiconScorer(
    lexicon: FinancialLexicon(positive: ["gain", "strong"], negative: ["loss", "weak", "fraud"]))

  /// A scorer that always fails.
  struct BrokenScorer: SentimentScorer {
    struct Failure: Error, CustomStringConvertible {
      var description: String { "model crashed" }
    }
    let name = "broken"
    func score(_ texts: [String]) async throws -> [SentimentScores] { throw Failure() }
  }

  private func app(_ service: FinBERTService, metrics: AITraderMetrics = AITraderMetrics()) -> some ApplicationProtocol
  {
    Application(
      router: buildComponentRouter(routes: FinBERTRoutes(service: service), metrics: metrics, maximumBodyBytes: 64_000),
      logger: quietLogger("finbert"))
  }

  private func post(_ client: some TestClientProtocol, _ json: String) async throws -> (HTTPResponse.Status, JSONValue)
  {
    try await client.execute(
      uri: "/analyze", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: json)
    ) { response in
      (response.status, try JSONDecoder().decode(JSONValue.self, from: Data(buffer: response.body)))
    }
  }

  @Test func scoresEachTextInOrder() async throws {
    let service = FinBERTService(scorer: Self.scorer, fallbackReason: "no model in this test")
    try await app(service).test(.router) { client in
      let (status, body) = try await post(
        client, #"{"texts": ["Strong gain", "Fraud and a weak loss", "Board meets"]}"#)
      #expect(status == .ok)
      guard case .object(let answer) = body, case .array(let results)? = answer["results"] else {
        Issue.record("no results in \(body)")
        return
      }
      #expect(answer["scorer"] == "lexicon:loughran-mcdonald")
      // P positive, N negative hits → P, N, 1 over P + N + 1.
      #expect(results[0] == Self.result(label: "positive", positive: 2.0 / 3, negative: 0, neutral: 1.0 / 3))
      #expect(results[1] == Self.result(label: "negative", positive: 0, negative: 3.0 / 4, neutral: 1.0 / 4))
      #expect(results[2] == Self.result(label: "neutral", positive: 0, negative: 0, neutral: 1))
    }
    #expect(service.figures.textsScored == 3)
    #expect(service.figures.requests == 1)
  }

  static func result(label: String, positive: Double, negative: Double, neutral: Double) -> JSONValue {
    .object([
      "label": .string(label),
      "scores": .object(["positive": .number(positive), "negative": .number(negative), "neutral": .number(neutral)]),
      "score": .number(positive - negative),
    ])
  }

  /// Bodies the service refuses, and a word the detail must contain.
  static let badBodies: [(String, String, String?)] = [
    ("not json", "the body must be JSON", nil),
    (#"{"text": "one"}"#, "the body must be JSON", nil),
    (#"{"texts": [1, 2]}"#, "strings only", nil),
    (#"{"texts": []}"#, "at least one text", "no_texts"),
    (#"{"texts": ["fine", "   "]}"#, "texts[1]: the text is empty", "empty"),
    (#"{"texts": ["a\u0000b"]}"#, "texts[0]: the text holds control characters", "binary"),
    (#"{"texts": ["ok", "\uFFFD\uFFFD"]}"#, "texts[1]", "binary"),
    (#"{"texts": [""# + String(repeating: "x", count: 1_001) + #""]}"#, "1001 bytes; limit 1000", "too_long"),
    (
      #"{"texts": ["# + Array(repeating: #""a""#, count: 5).joined(separator: ",") + "]}", "at most 4 texts",
      "too_many_texts"
    ),
  ]

  @Test(arguments: badBodies)
  func badInputIsRefusedWithAReasonAndCounted(body: String, detail: String, reason: String?) async throws {
    let metrics = AITraderMetrics()
    let service = FinBERTService(
      scorer: Self.scorer, limits: .init(maximumTexts: 4, maximumTextBytes: 1_000), metrics: metrics)
    try await app(service, metrics: metrics).test(.router) { client in
      let (status, answer) = try await post(client, body)
      #expect(status == .badRequest)
      guard case .object(let error) = answer, case .string(let text)? = error["detail"] else {
        Issue.record("no error body: \(answer)")
        return
      }
      #expect(error["error"] == "bad_request")
      #expect(text.contains(detail), "\(text)")
    }
    #expect(service.figures.textsScored == 0)
    if let reason {
      #expect(service.figures.refused == [reason: 1])
      #expect(metrics.exposition().contains(#"aitrader_sentiment_texts_refused_total{reason="\#(reason)"} 1"#))
    }
  }

  @Test func aFailingScorerAnswers503AndTheServiceStaysUp() async throws {
    let service = FinBERTService(scorer: BrokenScorer())
    try await app(service).test(.router) { client in
      let (status, body) = try await post(client, #"{"texts": ["anything"]}"#)
      #expect(status == .serviceUnavailable)
      #expect(body == .object(["error": "unavailable", "detail": "model crashed"]))
      try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
    }
    #expect(service.figures.failures == 1)
    #expect(service.figures.lastFailure == "model crashed")
  }

  @Test func healthSaysWhichScorerAndWhyNotTheModel() async throws {
    let service = FinBERTService(scorer: Self.scorer, fallbackReason: "no FinBERT model configured")
    try await app(service).test(.router) { client in
      try await client.execute(uri: "/health", method: .get) { response in
        let body = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: response.body))
        guard case .object(let health) = body, case .object(let component)? = health["component"],
          case .object(let details)? = component["details"]
        else {
          Issue.record("unexpected health \(body)")
          return
        }
        #expect(health["status"] == "ok")
        #expect(health["scorer"] == "lexicon:loughran-mcdonald")
        #expect(details["model"] == "not loaded: no FinBERT model configured")
      }
    }
    let none = FinBERTService(scorer: nil, fallbackReason: "lexicon missing")
    #expect(await none.health().status == .error)
    try await app(none).test(.router) { client in
      let (status, _) = try await post(client, #"{"texts": ["anything"]}"#)
      #expect(status == .serviceUnavailable)
    }
  }
}
