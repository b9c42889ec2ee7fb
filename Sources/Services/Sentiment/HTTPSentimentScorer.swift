import Foundation
import NIOCore
import Sentiment

/// The FinBERT service reached over HTTP (`POST {baseURL}/analyze`): the scorer of a sentiment
/// engine that runs apart from FinBERT. Refusals throw `RemoteServiceError`.
public struct HTTPSentimentScorer: SentimentScorer {
  /// FinBERT's address, e.g. `http://127.0.0.1:8004`.
  public let baseURL: String
  public let client: ResilientHTTPClient
  public var name: String { "finbert@\(baseURL)" }

  /// The answer of `POST /analyze`.
  struct Answer: Decodable {
    struct Result: Decodable {
      struct Scores: Decodable {
        var positive: Double
        var negative: Double
        var neutral: Double
      }
      var scores: Scores
    }
    var results: [Result]
  }

  public init(baseURL: String, client: ResilientHTTPClient = ResilientHTTPClient()) {
    self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    self.client = client
  }

  public func score(_ texts: [String]) async throws -> [SentimentScores] {
    let body = ByteBuffer(bytes: try JSONEncoder().encode(["texts": texts]))
    let response = try await client.send(.POST, baseURL + "/analyze", json: body)
    guard response.status == 200 else { throw RemoteServiceError(service: "FinBERT", response: response) }
    guard let answer = try? JSONDecoder().decode(Answer.self, from: Data(buffer: response.body)),
      answer.results.count == texts.count
    else {
      throw RemoteServiceError(
        service: "FinBERT", status: response.status, code: "bad_response",
        detail: "expected \(texts.count) results in the answer")
    }
    return answer.results.map {
      SentimentScores(positive: $0.scores.positive, negative: $0.scores.negative, neutral: $0.scores.neutral)
    }
  }
}
