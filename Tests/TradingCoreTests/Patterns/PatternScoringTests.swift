import Foundation
import Testing

@testable import TradingCore

@Suite struct PatternScoringTests {
  let scoring = PatternScoring()

  /// A 1 % EMA gap in a market with 0.5 % volatility, price on its VWAP, normal regime and volume.
  func score(
    fastEMA: Double = 101, price: Double = 100, volatilityBaseline: Double = 0.005, volumeRatio: Double = 1
  ) -> PatternScore {
    scoring.score(
      price: price, fastEMA: fastEMA, slowEMA: 100, vwap: 100, sessionTicks: 1, volatility: 0.005,
      volatilityBaseline: volatilityBaseline, volumeRatio: volumeRatio)
  }

  @Test func formulaByHand() {
    // trend = tanh(0.01 / (5 · 0.005)) = tanh(0.4); vwapPosition = 0; both factors 1.
    let result = score()
    #expect(abs(result.trend - tanh(0.4)) < 1e-15)
    #expect(result.vwapPosition == 0)
    #expect(result.volatilityFactor == 1)
    #expect(result.volumeFactor == 1)
    #expect(abs(result.value - 0.6 * tanh(0.4)) < 1e-15)
  }

  @Test func priceAboveVWAPAddsItsComponent() {
    // One tick into the session: (100.5 − 100) / 100 / (3 · 0.005 · √1) = 1/3.
    let result = score(fastEMA: 100, price: 100.5)
    #expect(abs(result.vwapPosition - tanh(1.0 / 3)) < 1e-15)
    #expect(abs(result.value - 0.4 * tanh(1.0 / 3)) < 1e-15)
    // 100 ticks in, the same distance is ten times less remarkable.
    let later = scoring.score(
      price: 100.5, fastEMA: 100, slowEMA: 100, vwap: 100, sessionTicks: 100, volatility: 0.005,
      volatilityBaseline: 0.005, volumeRatio: 1)
    #expect(abs(later.vwapPosition - tanh(1.0 / 30)) < 1e-15)
  }

  @Test func directionIsSymmetric() {
    #expect(score(fastEMA: 99).value == -score(fastEMA: 101).value)
    #expect(score(fastEMA: 100).value == 0)
  }

  @Test func highVolatilityRegimeDampens() {
    // Volatility three times its baseline: factor 1 / (1 + 1 · (3 − 1)) = 1/3.
    let calm = score()
    let wild = score(volatilityBaseline: 0.005 / 3)
    #expect(abs(wild.volatilityFactor - 1.0 / 3) < 1e-12)
    #expect(abs(wild.value - calm.value / 3) < 1e-12)
    // Below-normal volatility does not amplify.
    #expect(score(volatilityBaseline: 0.01).volatilityFactor == 1)
  }

  @Test func volumeSurgeAmplifies() {
    let surge = score(volumeRatio: 3)
    #expect(surge.volumeFactor == 1 + 0.5 * tanh(2))
    #expect(surge.value > score().value)
    // Thin volume does not shrink the score.
    #expect(score(volumeRatio: 0.2).volumeFactor == 1)
  }

  @Test func scoreStaysWithinOne() {
    let extreme = score(fastEMA: 150, price: 150, volumeRatio: 100)
    #expect(extreme.value == 1)
    #expect(score(fastEMA: 50, price: 50, volumeRatio: 100).value == -1)
  }

  @Test func flatMarketScoresZeroNotNaN() {
    let flat = scoring.score(
      price: 100, fastEMA: 100, slowEMA: 100, vwap: 100, sessionTicks: 1, volatility: 0, volatilityBaseline: 0,
      volumeRatio: 1)
    #expect(flat.value == 0)
  }

  @Test func randomWalkRarelySignals() {
    // A driftless random walk, σ = 0.1 % per tick: noise should seldom pass the threshold.
    var generator = SplitMix64(seed: 2024)
    var prices = [100.0]
    for _ in 1..<10_000 { prices.append(prices[prices.count - 1] * exp(0.001 * generator.nextGaussian())) }
    var state = SymbolPatternState(symbol: "AAPL", scoring: scoring)
    let signals = MarketPaths.run(MarketPaths.trades(prices: prices), through: &state)
    #expect(Double(signals.count) / Double(prices.count) < 0.06)
  }
}
