import Hummingbird
import Sentiment

/// The FinBERT service's HTTP endpoints (DESIGN.md §2, port 8004):
/// - `POST /analyze {"texts": ["…", …]}` → `{"scorer", "results": [{"label", "scores":
///   {"positive", "negative", "neutral"}, "score"}]}`, one result per text, in order, with
///   `score = p(positive) − p(negative)`;
/// - `GET /health` → `{"status", "version", "scorer", "component": {…}}` — which scorer and model
///   are loaded.
///
/// A request with no texts, too many, or a text that is empty, too long or binary answers 400
/// naming the text; a service without a scorer answers 503.
public struct FinBERTRoutes: APIRoutes {
  let service: FinBERTService

  public init(service: FinBERTService) { self.service = service }

  /// The body of `POST /analyze`.
  struct AnalyzeRequest: Decodable {
    var texts: [String]
  }

  public func register(on router: Router<APIRequestContext>) {
    router.get("/health") { _, _ in
      await service.health().healthAnswer(extra: ["scorer": .string(service.scorer?.name ?? "none")])
    }
    router.post("/analyze") { request, context in
      let body: AnalyzeRequest
      do {
        body = try await request.decode(as: AnalyzeRequest.self, context: context)
      } catch {
        throw APIError.badRequest(#"the body must be JSON {"texts": ["<text>", …]} with strings only"#)
      }
      return try await analyze(body.texts)
    }
  }

  private func analyze(_ texts: [String]) async throws -> JSONValue {
    let scores: [SentimentScores]
    do {
      scores = try await service.analyze(texts)
    } catch let refusal as FinBERTService.Refusal {
      throw APIError.badRequest(refusal.detail)
    } catch {
      throw APIError.unavailable("\(error)")
    }
    return .object([
      "scorer": .string(service.scorer?.name ?? "none"),
      "results": .array(scores.map(Self.json)),
    ])
  }

  /// One text's result in the service's JSON shape.
  static func json(_ scores: SentimentScores) -> JSONValue {
    .object([
      "label": .string(scores.label.rawValue),
      "scores": .object([
        "positive": .number(scores.positive), "negative": .number(scores.negative), "neutral": .number(scores.neutral),
      ]),
      "score": .number(scores.score),
    ])
  }
}
