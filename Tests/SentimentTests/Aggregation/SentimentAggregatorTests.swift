import Foundation
import Testing
import TradingCore

@testable import Sentiment

@Suite struct SentimentAggregatorTests {
  let aggregator = SentimentAggregator()
  let now = Timestamp(secondsSinceEpoch: 1_750_000_000)
  static let hour: Int64 = 3600

  /// An item `ageSeconds` old with the given class weights and authenticity weight.
  func scored(
    ageSeconds: Int64 = 0, positive: Double, negative: Double, neutral: Double, authenticity: Double = 1,
    title: String = "headline"
  ) -> ScoredNewsItem {
    ScoredNewsItem(
      item: NewsItem(
        title: title, publisher: "Reuters", provider: "rss", publishedAt: now.adding(seconds: -ageSeconds),
        symbols: ["AAPL"]),
      scores: SentimentScores(positive: positive, negative: negative, neutral: neutral),
      authenticity: Authenticity(weight: authenticity, reputation: authenticity))
  }

  @Test func anItemOneHalfLifeOldWeighsHalf() {
    let fresh = scored(positive: 1, negative: 0, neutral: 0)
    #expect(aggregator.weight(of: fresh, now: now) == 1)
    #expect(
      aggregator.weight(of: scored(ageSeconds: 6 * Self.hour, positive: 1, negative: 0, neutral: 0), now: now) == 0.5)
    #expect(
      aggregator.weight(of: scored(ageSeconds: 12 * Self.hour, positive: 1, negative: 0, neutral: 0), now: now) == 0.25)
    // Authenticity multiplies in: 0.8 × 0.5.
    let halfTrusted = scored(ageSeconds: 6 * Self.hour, positive: 1, negative: 0, neutral: 0, authenticity: 0.8)
    #expect(aggregator.weight(of: halfTrusted, now: now) == 0.4)
    let hourly = SentimentAggregator(halfLife: .seconds(3600))
    #expect(
      hourly.weight(of: scored(ageSeconds: 3 * Self.hour, positive: 1, negative: 0, neutral: 0), now: now) == 0.125)
  }

  @Test func threeItemsAggregateAsWorkedOutByHand() {
    // A: fresh, authenticity 1            → w = 1,           s = 0.7 − 0   =  0.7
    // B: 6 h old, authenticity 0.5        → w = 0.5 × 0.5   = 0.25, s = 0.1 − 0.7 = −0.6
    // C: 12 h old, authenticity 0.8       → w = 0.8 × 0.25  = 0.2,  s = 0 (all neutral)
    // Σw = 1.45, Σws = 0.7 − 0.15 + 0 = 0.55, score = 0.55 / 1.45 = 11/29.
    // σ² = [1 × (0.7 − 11/29)² + 0.25 × (−0.6 − 11/29)² + 0.2 × (11/29)²] / 1.45
    //    = [(9.3/29)² + 0.25 × (28.4/29)² + 0.2 × (11/29)²] / 1.45 = (86.49 + 201.64 + 24.2) / 841 / 1.45
    // confidence = (1 − e^(−1.45/2)) × (1 − σ) ≈ 0.5157 × 0.4939 ≈ 0.2547.
    let items = [
      scored(positive: 7, negative: 0, neutral: 3),
      scored(ageSeconds: 6 * Self.hour, positive: 1, negative: 7, neutral: 2, authenticity: 0.5),
      scored(ageSeconds: 12 * Self.hour, positive: 0, negative: 0, neutral: 1, authenticity: 0.8),
    ]
    let result = aggregator.aggregate(symbol: "AAPL", items: items, now: now)
    let sigma = (312.33 / 841 / 1.45).squareRoot()
    #expect(abs(result.score - 11.0 / 29) < 1e-12)
    #expect(abs(result.confidence - (1 - exp(-0.725)) * (1 - sigma)) < 1e-12)
    #expect(abs(result.confidence - 0.2547) < 1e-4)
    #expect(result.items == 3 && result.symbol == "AAPL" && result.updatedAt == now)
  }

  @Test func neutralItemsPullTheScoreTowardZero() {
    // Two equal weights: (2, 1, 0) normalises to s = 2/3 − 1/3 = 1/3, and an all-neutral item has
    // s = 0, so the mean is 1/6: the neutral item is evidence, not ignored.
    let items = [scored(positive: 2, negative: 1, neutral: 0), scored(positive: 0, negative: 0, neutral: 1)]
    let result = aggregator.aggregate(symbol: "AAPL", items: items, now: now)
    #expect(abs(result.score - 1.0 / 6) < 1e-12)
  }

  @Test func theResultDoesNotDependOnTheOrderOfTheItems() {
    var random = SplitMix64(seed: 7)
    let items = (0..<40).map { index in
      scored(
        ageSeconds: Int64(random.nextUnit() * 48 * 3600), positive: random.nextUnit(), negative: random.nextUnit(),
        neutral: random.nextUnit(), authenticity: random.nextUnit(), title: "item \(index)")
    }
    let reference = aggregator.aggregate(symbol: "MSFT", items: items, now: now)
    #expect(reference.items == 40 && reference.confidence > 0)
    for _ in 0..<50 {
      #expect(aggregator.aggregate(symbol: "MSFT", items: items.shuffled(using: &random), now: now) == reference)
    }
    #expect(aggregator.aggregate(symbol: "MSFT", items: items.reversed(), now: now) == reference)
  }

  @Test func itemsTooOldOrInTheFutureDoNotCount() {
    let maxAge = 72 * Self.hour
    let edge = scored(ageSeconds: maxAge, positive: 1, negative: 0, neutral: 0)
    // 72 h is 12 half-lives of 6 h: 0.5¹² = 1/4096.
    #expect(aggregator.weight(of: edge, now: now) == 1.0 / 4096)
    var tooOld = edge
    tooOld.item.publishedAt = edge.item.publishedAt.adding(nanoseconds: -1)
    #expect(aggregator.weight(of: tooOld, now: now) == nil)
    // Up to five minutes ahead counts, as if published now; beyond that it does not count.
    let slightlyAhead = scored(ageSeconds: -300, positive: 0, negative: 1, neutral: 0)
    #expect(aggregator.weight(of: slightlyAhead, now: now) == 1)
    let farAhead = scored(ageSeconds: -301, positive: 0, negative: 1, neutral: 0)
    #expect(aggregator.weight(of: farAhead, now: now) == nil)

    let result = aggregator.aggregate(symbol: "AAPL", items: [tooOld, farAhead, edge], now: now)
    #expect(result.items == 1 && result.score == 1 && result.updatedAt == edge.item.publishedAt)
  }

  @Test func noItemsGiveZeroScoreAndZeroConfidence() {
    let none = SymbolSentiment(symbol: "AAPL", score: 0, confidence: 0, items: 0, updatedAt: nil)
    #expect(aggregator.aggregate(symbol: "AAPL", items: [], now: now) == none)
    let excluded = [
      scored(ageSeconds: 100 * Self.hour, positive: 1, negative: 0, neutral: 0),
      scored(ageSeconds: -3600, positive: 1, negative: 0, neutral: 0),
      scored(positive: 1, negative: 0, neutral: 0, authenticity: 0),
      scored(positive: 1, negative: 0, neutral: 0, authenticity: .nan),
    ]
    #expect(aggregator.aggregate(symbol: "AAPL", items: excluded, now: now) == none)
  }

  @Test func anAuthenticityOutsideTheUnitIntervalIsClamped() {
    let overTrusted = scored(positive: 0, negative: 1, neutral: 0, authenticity: 5)
    #expect(aggregator.weight(of: overTrusted, now: now) == 1)
  }

  @Test func confidenceGrowsWithEvidence() {
    // n identical fresh, fully believed items agree (σ = 0): confidence = 1 − e^(−n/2).
    var previous = 0.0
    for count in 1...12 {
      let items = (0..<count).map { _ in scored(positive: 3, negative: 1, neutral: 0) }
      let result = aggregator.aggregate(symbol: "AAPL", items: items, now: now)
      #expect(abs(result.confidence - (1 - exp(-Double(count) / 2))) < 1e-12)
      #expect(result.confidence > previous)
      previous = result.confidence
    }
    // Less belief is less evidence.
    let doubted = (0..<4).map { _ in scored(positive: 3, negative: 1, neutral: 0, authenticity: 0.5) }
    let believed = (0..<4).map { _ in scored(positive: 3, negative: 1, neutral: 0) }
    #expect(
      aggregator.aggregate(symbol: "AAPL", items: doubted, now: now).confidence
        < aggregator.aggregate(symbol: "AAPL", items: believed, now: now).confidence)
  }

  @Test func confidenceFallsWhenItemsDisagree() {
    // Both have mean 0.5 and Σw = 4; the second splits between +1 and 0 (σ = 0.5).
    let agreeing = (0..<4).map { _ in scored(positive: 3, negative: 1, neutral: 0) }
    let split =
      (0..<2).map { _ in scored(positive: 1, negative: 0, neutral: 0) }
      + (0..<2).map { _ in scored(positive: 0, negative: 0, neutral: 1) }
    let calm = aggregator.aggregate(symbol: "AAPL", items: agreeing, now: now)
    let torn = aggregator.aggregate(symbol: "AAPL", items: split, now: now)
    #expect(calm.score == 0.5 && torn.score == 0.5)
    #expect(abs(torn.confidence - (1 - exp(-2.0)) * 0.5) < 1e-12)
    #expect(torn.confidence < calm.confidence)
    // An even split between −1 and +1: no direction, and no confidence.
    let opposed = [
      scored(positive: 1, negative: 0, neutral: 0), scored(positive: 0, negative: 1, neutral: 0),
    ]
    let result = aggregator.aggregate(symbol: "AAPL", items: opposed, now: now)
    #expect(result.score == 0 && result.confidence == 0 && result.items == 2)
  }

  @Test func updatedAtIsTheNewestItemThatCounted() {
    let items = [
      scored(ageSeconds: 3 * Self.hour, positive: 1, negative: 0, neutral: 0),
      scored(ageSeconds: 1 * Self.hour, positive: 1, negative: 0, neutral: 0),
      scored(ageSeconds: -3600, positive: 1, negative: 0, neutral: 0),  // too far ahead
    ]
    #expect(aggregator.aggregate(symbol: "AAPL", items: items, now: now).updatedAt == now.adding(seconds: -3600))
  }
}
