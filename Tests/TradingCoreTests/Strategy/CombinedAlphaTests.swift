import Testing

@testable import TradingCore

@Suite struct CombinedAlphaTests {
  let alpha = CombinedAlpha.standard()
  let signal = StrategyFixture.signal(score: 0.8)

  @Test func weighsEveryModelThatAnswers() throws {
    let context = StrategyFixture.context(forecasts: ["AAPL": ["ml": 0.5, "sentiment": -0.5]])
    let insight = try #require(alpha.insight(for: signal, context: context))
    // 0.5 × 0.8 + 0.3 × 0.5 + 0.2 × (−0.5) = 0.4 + 0.15 − 0.1 = 0.45.
    #expect(abs(insight.score - 0.45) < 1e-12)
    #expect(abs(insight.meta["factor.technical", default: .nan] - 0.4) < 1e-12)
    #expect(abs(insight.meta["factor.ml", default: .nan] - 0.15) < 1e-12)
    #expect(abs(insight.meta["factor.sentiment", default: .nan] + 0.1) < 1e-12)
    #expect(insight.meta["alpha.answered_weight"] == 1)
    #expect(insight.source == "combined")
    #expect(insight.signalID == signal.id)
  }

  @Test func renormalisesWhenTheMLModelIsDown() throws {
    let context = StrategyFixture.context(forecasts: ["AAPL": ["sentiment": -0.5]])
    let insight = try #require(alpha.insight(for: signal, context: context))
    // Weights 0.5 and 0.2 over 0.7: 0.8 × 5/7 − 0.5 × 2/7 = 4/7 − 1/7 = 3/7.
    #expect(abs(insight.score - 3.0 / 7) < 1e-12)
    #expect(abs(insight.meta["factor.technical", default: .nan] - 4.0 / 7) < 1e-12)
    #expect(insight.meta["factor.ml"] == nil)
    #expect(abs(insight.meta["alpha.answered_weight", default: .nan] - 0.7) < 1e-12)
  }

  @Test func degradesToTechnicalOnlyWhenBothExternalModelsAreDown() throws {
    // A forecast for another symbol does not count for this one.
    let context = StrategyFixture.context(forecasts: ["MSFT": ["ml": -1, "sentiment": -1]])
    let insight = try #require(alpha.insight(for: signal, context: context))
    #expect(insight.score == 0.8)
    #expect(insight.meta["factor.technical"] == 0.8)
    #expect(insight.meta["alpha.answered_weight"] == 0.5)
  }

  @Test func clampsForecastsAndIgnoresNonFiniteOnes() throws {
    let context = StrategyFixture.context(forecasts: ["AAPL": ["ml": 3, "sentiment": .nan]])
    let insight = try #require(alpha.insight(for: signal, context: context))
    // ml reads as 1; sentiment as absent: (0.5 × 0.8 + 0.3 × 1) ÷ 0.8 = 0.875.
    #expect(abs(insight.score - 0.875) < 1e-12)
  }

  @Test func noWeightedAnswerNoInsight() {
    let onlyML = CombinedAlpha([.init(ForecastAlpha.ml, weight: 1), .init(TechnicalAlpha(), weight: 0)])
    #expect(onlyML.insight(for: signal, context: StrategyFixture.context()) == nil)
    #expect(CombinedAlpha([]).insight(for: signal, context: StrategyFixture.context()) == nil)
  }

  @Test func technicalAlphaPassesTheSignalScoreThrough() throws {
    let insight = try #require(TechnicalAlpha().insight(for: signal, context: StrategyFixture.context()))
    #expect(insight.score == 0.8)
    #expect(insight.source == "technical")
    #expect(insight.symbol == "AAPL")
  }
}
