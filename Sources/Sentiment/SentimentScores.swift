/// The sentiment of one text, in FinBERT's shape: the three class probabilities, the label of
/// the largest, and `score = p(positive) − p(negative)` in [-1, 1].
public struct SentimentScores: Sendable, Hashable, Codable {
  /// FinBERT's three classes.
  public enum Label: String, Sendable, Hashable, Codable, CaseIterable {
    case positive, negative, neutral
  }

  public let positive: Double
  public let negative: Double
  public let neutral: Double

  /// Scores from three non-negative weights, normalised to sum to 1 (all zero: neutral).
  public init(positive: Double, negative: Double, neutral: Double) {
    let total = positive + negative + neutral
    guard total > 0, total.isFinite else {
      self.positive = 0
      self.negative = 0
      self.neutral = 1
      return
    }
    self.positive = positive / total
    self.negative = negative / total
    self.neutral = neutral / total
  }

  /// The class with the largest probability; a tie goes to neutral, then to negative.
  public var label: Label {
    if neutral >= positive && neutral >= negative { return .neutral }
    return positive > negative ? .positive : .negative
  }

  /// p(positive) − p(negative).
  public var score: Double { positive - negative }
}

/// Something that scores texts for sentiment: the FinBERT classifier, or the lexicon scorer
/// where no model is installed. The sentiment engine depends on this, never on either.
public protocol SentimentScorer: Sendable {
  /// A short name for health and logs, e.g. `lexicon:loughran-mcdonald`.
  var name: String { get }
  /// One result per text, in order.
  func score(_ texts: [String]) async throws -> [SentimentScores]
}
