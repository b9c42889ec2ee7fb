import Testing

@testable import TradingCore

@Suite struct SymbolPatternStateTests {
  @Test func warmsUpBeforeScoring() {
    var state = SymbolPatternState(symbol: "AAPL")
    let ticks = MarketPaths.trades(prices: MarketPaths.prices(count: 21, drift: 0.002, noise: 0.0005))
    #expect(MarketPaths.run(Array(ticks.prefix(20)), through: &state).isEmpty)
    #expect(state.lastScore == nil)
    // Tick 21: the slow EMA, 20 returns of volatility and 20 previous volumes are all there.
    #expect(MarketPaths.run([ticks[20]], through: &state).count == 1)
  }

  @Test func risingPricesGiveABuySignal() throws {
    var state = SymbolPatternState(symbol: "AAPL")
    let ticks = MarketPaths.trades(prices: MarketPaths.prices(count: 60, drift: 0.001, noise: 0.0005))
    let signals = MarketPaths.run(ticks, through: &state)
    let last = try #require(signals.last)
    #expect(last.score > 0.3)
    #expect(signals.allSatisfy { $0.score > 0 })
    #expect(last.symbol == "AAPL")
    #expect(last.source == "pattern_engine")
    #expect(last.timestamp == ticks[59].timestamp)
    let expectedKeys: Set = [
      "price", "ema_fast", "ema_slow", "vwap", "volatility", "volatility_baseline", "volume_ratio", "trend_score",
      "vwap_score", "volatility_factor", "volume_factor",
    ]
    #expect(Set(last.meta.keys) == expectedKeys)
    #expect(last.meta["ema_fast"]! > last.meta["ema_slow"]!)
    #expect(last.meta["ema_fast"] == state.fastEMA.value)
  }

  @Test func fallingPricesGiveASellSignal() throws {
    var state = SymbolPatternState(symbol: "AAPL")
    let ticks = MarketPaths.trades(prices: MarketPaths.prices(count: 60, drift: -0.001, noise: 0.0005))
    let last = try #require(MarketPaths.run(ticks, through: &state).last)
    #expect(last.score < -0.3)
    #expect(last.meta["trend_score"]! < 0 && last.meta["vwap_score"]! < 0)
  }

  @Test func flatMarketGivesNoSignal() throws {
    // The price only bounces between two levels a cent apart.
    var state = SymbolPatternState(symbol: "AAPL")
    let prices = (0..<200).map { 100 + Double($0 % 2) * 0.01 }
    #expect(MarketPaths.run(MarketPaths.trades(prices: prices), through: &state).isEmpty)
    let score = try #require(state.lastScore)
    #expect(abs(score.value) < 0.1)
  }

  @Test func volumeSurgeAmplifies() throws {
    let prices = MarketPaths.prices(count: 40, drift: 0.0002, noise: 0.001, seed: 3)
    var volumes = Array(repeating: 100.0, count: 40)
    var normal = SymbolPatternState(symbol: "AAPL")
    _ = MarketPaths.run(MarketPaths.trades(prices: prices, volumes: volumes), through: &normal)
    volumes[39] = 1000
    var surged = SymbolPatternState(symbol: "AAPL")
    _ = MarketPaths.run(MarketPaths.trades(prices: prices, volumes: volumes), through: &surged)

    let base = try #require(normal.lastScore)
    let amplified = try #require(surged.lastScore)
    #expect(base.volumeFactor == 1)
    #expect(amplified.volumeFactor == 1 + 0.5 * Double.tanh(9))
    #expect(abs(amplified.value) > abs(base.value))
    #expect(abs(amplified.value) < 1)
  }

  @Test func volatilityBurstDampens() throws {
    // The same drift; in the second market the last 10 ticks swing ±2 % around it.
    let calmPrices = MarketPaths.prices(count: 80, drift: 0.001, noise: 0.0005)
    let burstPrices = calmPrices.indices.map { index in
      index < 70 ? calmPrices[index] : calmPrices[index] * (index % 2 == 0 ? 1.02 : 0.98)
    }
    var calm = SymbolPatternState(symbol: "AAPL")
    _ = MarketPaths.run(MarketPaths.trades(prices: calmPrices), through: &calm)
    var burst = SymbolPatternState(symbol: "AAPL")
    _ = MarketPaths.run(MarketPaths.trades(prices: burstPrices), through: &burst)

    let calmScore = try #require(calm.lastScore)
    let burstScore = try #require(burst.lastScore)
    #expect(calmScore.volatilityFactor > 0.8)
    #expect(burstScore.volatilityFactor < 0.5)
    #expect(abs(burstScore.value) < abs(calmScore.value))
  }

  @Test func vwapRestartsAtUTCMidnight() {
    var state = SymbolPatternState(symbol: "AAPL")
    let beforeMidnight = Timestamp(secondsSinceEpoch: 1_704_239_998)  // 2024-01-02T23:59:58Z
    let ticks = MarketPaths.trades(prices: [100, 110, 200], from: beforeMidnight)
    _ = MarketPaths.run(ticks, through: &state)
    #expect(state.vwap.count == 1)
    #expect(state.vwap.value == 200)
    #expect(state.fastEMA.count == 3)
  }

  @Test func keepsOnlyTheLastHundredSignals() {
    var state = SymbolPatternState(symbol: "AAPL")
    let ticks = MarketPaths.trades(prices: MarketPaths.prices(count: 300, drift: 0.001, noise: 0.0002))
    let signals = MarketPaths.run(ticks, through: &state)
    #expect(signals.count > 200)
    #expect(state.recentSignals.count == 100)
    #expect(Array(state.recentSignals) == Array(signals.suffix(100)))
  }
}
