import Testing

@testable import TradingCore

extension IndicatorTests {
  @Suite struct EMATests {
    @Test func firstValueSeedByHand() {
      // α = 2 / (3 + 1) = 0.5: 1, then 0.5·1 + 0.5·2 = 1.5, then 0.5·1.5 + 0.5·3 = 2.25.
      var ema = EMA(period: 3, seed: .firstValue)
      #expect(ema.value.isNaN)
      ema.update(1)
      #expect(ema.value == 1)
      #expect(!ema.isReady)
      ema.update(2)
      #expect(ema.value == 1.5)
      #expect(!ema.isReady)
      ema.update(3)
      #expect(ema.value == 2.25)
      #expect(ema.isReady)
      #expect(ema.count == 3)
    }

    @Test func simpleAverageSeedByHand() {
      // NaN, NaN, then the mean of 1, 2, 3 = 2, then 0.5·2 + 0.5·4 = 3.
      var ema = EMA(period: 3, seed: .simpleAverage)
      ema.update(1)
      ema.update(2)
      #expect(ema.value.isNaN)
      #expect(!ema.isReady)
      ema.update(3)
      #expect(ema.value == 2)
      #expect(ema.isReady)
      ema.update(4)
      #expect(ema.value == 3)
    }

    @Test func matchesNautilusOnOneToTen() {
      // NautilusTrader's own test (crates/indicators/src/average/ema.rs): EMA(10) of 1…10.
      var ema = EMA(period: 10)
      for input in 1...10 { ema.update(Double(input)) }
      #expect(ema.isReady)
      #expect(isClose(ema.value, 6.239_368_480_121_215_5, relative: 1e-14))
    }

    @Test func matchesTALibEMA() throws {
      let fixture = try IndicatorFixture.peers()
      var ema = EMA(period: 10, seed: .simpleAverage)
      let values = fixture["price"].map { price in
        ema.update(price)
        return ema.value
      }
      #expect(mismatches(values, fixture["talib_ema10"]).isEmpty)
    }

    @Test func matchesPandasEwmWithoutAdjustment() throws {
      let fixture = try IndicatorFixture.peers()
      var ema = EMA(period: 10, seed: .firstValue)
      let values = fixture["price"].map { price in
        ema.update(price)
        return ema.value
      }
      #expect(mismatches(values, fixture["pandas_ewm10"]).isEmpty)
    }

    @Test func periodOneTracksTheInput() {
      var ema = EMA(period: 1, seed: .simpleAverage)
      ema.update(10)
      ema.update(42)
      #expect(ema.value == 42)
      #expect(ema.isReady)
    }

    @Test func resetForgetsEverything() {
      var ema = EMA(period: 2, seed: .simpleAverage)
      for input in [5.0, 7, 9] { ema.update(input) }
      ema.reset()
      #expect(ema.count == 0)
      #expect(ema.value.isNaN)
      ema.update(1)
      ema.update(3)
      #expect(ema.value == 2)
    }
  }
}
