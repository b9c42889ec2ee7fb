import Foundation
import Testing

@testable import TradingCore

extension IndicatorTests {
  @Suite struct RollingVolatilityTests {
    /// The sample standard deviation of the log returns of `prices`, by the two-pass formula.
    static func twoPassVolatility(_ prices: ArraySlice<Double>) -> Double {
      let returns = zip(prices.dropFirst(), prices).map { log($0 / $1) }
      let mean = returns.reduce(0, +) / Double(returns.count)
      let squares = returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
      return (squares / Double(returns.count - 1)).squareRoot()
    }

    @Test func byHand() {
      // Log returns 1, 2, 3: mean 2, squared deviations 1 + 0 + 1, sample variance 2 / 2 = 1.
      var volatility = RollingVolatility(period: 3)
      for exponent in [0.0, 1, 3] {
        volatility.update(price: exp(exponent))
        #expect(volatility.value.isNaN)
      }
      volatility.update(price: exp(6))
      #expect(volatility.isReady)
      #expect(isClose(volatility.value, 1, relative: 1e-14))
      // Next return 4 (e⁶ → e¹⁰): window 2, 3, 4, again a standard deviation of 1.
      volatility.update(price: exp(10))
      #expect(isClose(volatility.value, 1, relative: 1e-14))
      #expect(volatility.count == 5)
    }

    @Test func matchesPandasRollingStdOfLogReturns() throws {
      let fixture = try IndicatorFixture.peers()
      var volatility = RollingVolatility(period: 20)
      let values = fixture["price"].map { price in
        volatility.update(price: price)
        return volatility.value
      }
      #expect(mismatches(values, fixture["volatility20"]).isEmpty)
    }

    @Test func flatPricesHaveZeroVolatility() {
      var volatility = RollingVolatility(period: 5)
      for _ in 0..<10 { volatility.update(price: 100) }
      #expect(volatility.value == 0)
    }

    @Test func staysAccurateWhenVolatilityCollapses() {
      // A violent regime followed by a nearly still one: the still window's variance is 1e-10
      // of the violent one's, so rounding carried over from before would dominate it.
      var generator = SplitMix64(seed: 11)
      var volatility = RollingVolatility(period: 20)
      var prices = [100.0]
      for step in 1..<8_000 {
        let scale = step < 5_000 ? 0.05 : 5e-7
        prices.append(prices[step - 1] * exp(scale * generator.nextGaussian()))
        volatility.update(price: prices[step - 1])
      }
      volatility.update(price: prices[prices.count - 1])
      let expected = Self.twoPassVolatility(prices[(prices.count - 21)...])
      #expect(isClose(volatility.value, expected, relative: 1e-9))
    }

    @Test func resetForgetsThePreviousPrice() {
      var volatility = RollingVolatility(period: 2)
      for price in [1.0, 2, 4] { volatility.update(price: price) }
      volatility.reset()
      for price in [10.0, 10, 10] { volatility.update(price: price) }
      #expect(volatility.value == 0)
    }
  }
}
