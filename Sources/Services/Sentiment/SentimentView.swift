import Foundation
import Sentiment
import TradingCore

/// One symbol's sentiment as the sentiment engine's API and `sentiment:updates` carry it:
/// `{"symbol", "score", "confidence", "items", "updated_at"}`, `updated_at` the newest counted
/// item's publication time in ISO 8601 (null when no item counts).
public struct SentimentView: Sendable, Hashable, Codable {
  public var symbol: String
  /// Weighted sentiment in [-1, 1].
  public var score: Double
  /// How much to trust `score`, in [0, 1].
  public var confidence: Double
  /// Items that counted.
  public var items: Int
  public var updatedAt: String?

  enum CodingKeys: String, CodingKey {
    case symbol, score, confidence, items
    case updatedAt = "updated_at"
  }

  public init(_ sentiment: SymbolSentiment) {
    symbol = sentiment.symbol
    score = sentiment.score
    confidence = sentiment.confidence
    items = sentiment.items
    updatedAt = sentiment.updatedAt?.iso8601
  }

  public init(symbol: String, score: Double, confidence: Double, items: Int, updatedAt: String?) {
    self.symbol = symbol
    self.score = score
    self.confidence = confidence
    self.items = items
    self.updatedAt = updatedAt
  }

  /// The sentiment as JSON.
  var json: JSONValue {
    .object([
      "symbol": .string(symbol), "score": .number(score), "confidence": .number(confidence),
      "items": .number(Double(items)), "updated_at": updatedAt.map(JSONValue.string) ?? .null,
    ])
  }
}
