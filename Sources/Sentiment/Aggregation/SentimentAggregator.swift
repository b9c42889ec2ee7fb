import Foundation
import TradingCore

/// One news item ready to aggregate: the item, its text's sentiment, and how far it is believed.
public struct ScoredNewsItem: Sendable, Hashable {
  public var item: NewsItem
  public var scores: SentimentScores
  public var authenticity: Authenticity

  public init(item: NewsItem, scores: SentimentScores, authenticity: Authenticity) {
    self.item = item
    self.scores = scores
    self.authenticity = authenticity
  }
}

/// The news sentiment of one symbol at one time: what the sentiment alpha model reads.
public struct SymbolSentiment: Sendable, Hashable, Codable {
  public var symbol: String
  /// The weighted mean of the items' `p(positive) − p(negative)`, in [-1, 1]; 0 without items.
  public var score: Double
  /// How far `score` can be relied on, in [0, 1]: grows with the evidence, shrinks when the
  /// items disagree; 0 without items.
  public var confidence: Double
  /// How many items counted (neither too old, nor in the future, nor of zero weight).
  public var items: Int
  /// When the newest item that counted was published; nil when none counted.
  public var updatedAt: Timestamp?

  public init(symbol: String, score: Double, confidence: Double, items: Int, updatedAt: Timestamp?) {
    self.symbol = symbol
    self.score = score
    self.confidence = confidence
    self.items = items
    self.updatedAt = updatedAt
  }
}

/// Turns a symbol's scored news items into one sentiment: a weighted mean whose weights are
/// belief times freshness, and a confidence from how much weight there is and how much the
/// items agree. Pure: the time is passed in.
///
/// **Weights.** Item `i` of age `aᵢ = now − publishedAt` weighs
/// `wᵢ = authenticityᵢ × 0.5^(aᵢ / halfLife)`: news loses half its say every `halfLife`, as
/// its information is absorbed into the price. Items older than `maxAge`, or dated more than
/// `futureTolerance` after `now`, do not count at all; an item dated slightly in the future
/// counts as age 0 (no weight above its authenticity).
///
/// **Score.** `score = Σ wᵢ sᵢ / Σ wᵢ` with `sᵢ = p(positive) − p(negative)`. Neutral
/// probability is *not* taken out of the weight: it already pulls `sᵢ` toward 0, and a
/// trusted, fresh, neutral story is genuine evidence that the news is not directional, so it
/// should pull the mean toward 0 rather than be ignored (taking it out again would count the
/// neutral mass twice and let one faint positive item outweigh ten neutral ones).
///
/// **Confidence.** `confidence = (1 − e^(−Σ wᵢ / evidenceScale)) × (1 − σ)`, where σ is the
/// weighted standard deviation of the sᵢ around the score, `σ² = Σ wᵢ (sᵢ − score)² / Σ wᵢ`.
/// The first factor saturates with evidence: with the default scale of 2, one fully believed
/// fresh item gives 0.39, two give 0.63, six give 0.95. The second is 1 when the items agree
/// and 0 when they split evenly between −1 and +1 (σ of values in [-1, 1] is at most 1).
///
/// **Determinism.** The sums run over the items' (weight, sentiment) pairs in sorted order,
/// so permuting the input gives bit-for-bit the same result.
public struct SentimentAggregator: Sendable {
  /// The age at which an item weighs half.
  public let halfLife: Duration
  /// Beyond this age an item does not count.
  public let maxAge: Duration
  /// How far after `now` an item may be dated and still count: providers' clocks differ.
  public let futureTolerance: Duration
  /// The total weight at which the evidence factor of the confidence reaches 1 − 1/e.
  public let evidenceScale: Double

  /// An aggregator with the given decay and cut-offs. `halfLife` and `evidenceScale` must be
  /// positive (a programming error otherwise; configuration is validated before this).
  public init(
    halfLife: Duration = .seconds(6 * 3600), maxAge: Duration = .seconds(72 * 3600),
    futureTolerance: Duration = .seconds(300), evidenceScale: Double = 2
  ) {
    precondition(halfLife > .zero, "halfLife must be positive")
    precondition(evidenceScale > 0 && evidenceScale.isFinite, "evidenceScale must be positive")
    self.halfLife = halfLife
    self.maxAge = maxAge
    self.futureTolerance = futureTolerance
    self.evidenceScale = evidenceScale
  }

  /// The sentiment of `symbol` at `now` from `items` (all taken to be about `symbol`).
  public func aggregate(symbol: String, items: [ScoredNewsItem], now: Timestamp) -> SymbolSentiment {
    var contributions: [(weight: Double, sentiment: Double)] = []
    var newest: Timestamp?
    for scored in items {
      guard let weight = weight(of: scored, now: now), weight > 0 else { continue }
      let sentiment = scored.scores.score
      guard sentiment.isFinite else { continue }
      contributions.append((weight, min(1, max(-1, sentiment))))
      newest = max(newest ?? scored.item.publishedAt, scored.item.publishedAt)
    }
    guard !contributions.isEmpty else {
      return SymbolSentiment(symbol: symbol, score: 0, confidence: 0, items: 0, updatedAt: nil)
    }
    contributions.sort { ($0.weight, $0.sentiment) < ($1.weight, $1.sentiment) }
    let (score, confidence) = summarise(contributions)
    return SymbolSentiment(
      symbol: symbol, score: score, confidence: confidence, items: contributions.count, updatedAt: newest)
  }

  /// `authenticity × 0.5^(age / halfLife)`, or nil when the item does not count at `now`.
  func weight(of scored: ScoredNewsItem, now: Timestamp) -> Double? {
    let age = NewsAge.nanoseconds(of: scored.item.publishedAt, at: now)
    if age > NewsAge.nanoseconds(of: maxAge) { return nil }
    if age < 0, age.magnitude > NewsAge.nanoseconds(of: futureTolerance).magnitude { return nil }
    let authenticity = scored.authenticity.weight
    guard authenticity.isFinite else { return nil }
    let decay = Foundation.pow(0.5, Double(max(0, age)) / Double(NewsAge.nanoseconds(of: halfLife)))
    return min(1, max(0, authenticity)) * decay
  }

  /// The weighted mean and the confidence of sorted, non-empty contributions.
  private func summarise(_ contributions: [(weight: Double, sentiment: Double)]) -> (Double, Double) {
    var totalWeight = 0.0
    var weightedSum = 0.0
    for (weight, sentiment) in contributions {
      totalWeight += weight
      weightedSum += weight * sentiment
    }
    let score = min(1, max(-1, weightedSum / totalWeight))
    var squaredDeviations = 0.0
    for (weight, sentiment) in contributions {
      squaredDeviations += weight * (sentiment - score) * (sentiment - score)
    }
    let spread = min(1, (squaredDeviations / totalWeight).squareRoot())
    let evidence = 1 - Foundation.exp(-totalWeight / evidenceScale)
    return (score, min(1, max(0, evidence * (1 - spread))))
  }
}
