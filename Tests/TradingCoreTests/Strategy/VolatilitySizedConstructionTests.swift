import Testing

@testable import TradingCore

@Suite struct StrategyConstructionTests {
  let construction = VolatilitySizedConstruction()

  func insight(_ score: Double) -> Insight {
    Insight(
      symbol: "AAPL", score: score, source: "combined", timestamp: StrategyFixture.morning,
      signalID: TimeSortableID(high: 1, low: 1))
  }

  @Test func directionFollowsTheScore() throws {
    let long = try construction.target(for: insight(0.5), accountValue: 100_000, price: 50, volatility: 0.02)
    #expect(long.target == PortfolioTarget(symbol: "AAPL", quantity: 200))
    let short = try construction.target(for: insight(-0.5), accountValue: 100_000, price: 50, volatility: 0.02)
    #expect(short.target.quantity == -200)
    #expect(short.sizing.riskBudget == 2_000)
  }

  @Test func weakViewsMakeNoTarget() throws {
    #expect(throws: ConstructionError.belowThreshold(score: 0.29, minimumScore: 0.3)) {
      try construction.target(for: insight(0.29), accountValue: 100_000, price: 50, volatility: 0.02)
    }
    #expect(throws: ConstructionError.belowThreshold(score: -0.29, minimumScore: 0.3)) {
      try construction.target(for: insight(-0.29), accountValue: 100_000, price: 50, volatility: 0.02)
    }
    // Exactly at the threshold passes, as the guide's `abs(score) < 0.3` rejects only below it.
    #expect(
      try construction.target(for: insight(0.3), accountValue: 100_000, price: 50, volatility: 0.02).target.quantity
        == 200)
  }

  @Test func sizingFailuresAreReported() {
    #expect(throws: ConstructionError.sizing(.noVolatility)) {
      try construction.target(for: insight(0.9), accountValue: 100_000, price: 50, volatility: nil)
    }
  }
}
