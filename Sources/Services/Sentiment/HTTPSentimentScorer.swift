import Foundation
import NIOCore
import Sentiment

/// The FinBERT service reached over HTTP (`POST {baseURL}/analyze`): the scorer of a sentiment
/// engine that runs apart from FinBERT.
public struct HTTPSentimentScorer: SentimentScorer {
  /// FinBERT's address, e.g. `http://127.0.0.1:8004`.
  public let baseURL: String
  public let client: ResilientHTTPClient
  public var name: String { "finbert@\(baseURL)" }

  /// FinBERT refused or failed the request, or answered in an unexpected shape.
  public struct RemoteError: Error, Hashable, CustomStringConvertible {
    public var status: Int
    public var detail: String
    public var description: String { "FinBERT answered \(status): \(detail)" }
  }

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
    let data = Data(buffer: response.body)
    guard response.status == 200 else {
      let error = try? JSONDecoder().decode(APIErrorBody.self, from: data)
      throw RemoteError(status: response.status, detail: error?.detail ?? "no error body")
    }
    guard let answer = try? JSONDecoder().decode(Answer.self, from: data), answer.results.count == texts.count else {
      throw RemoteError(status: response.status, detail: "expected \(texts.count) results in the answer")
    }
    return answer.results.map {
      SentimentScores(positive: $0.scores.positive, negative: $0.scores.negative, neutral: $0.scores.neutral)
    }
  }
}
