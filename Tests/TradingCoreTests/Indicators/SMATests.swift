import Testing

@testable import TradingCore

extension IndicatorTests {
  @Suite struct SMATests {
    @Test func byHand() {
      var sma = SMA(period: 3)
      var values = [Double]()
      for input in [1.0, 2, 3, 4, 10] {
        sma.update(input)
        values.append(sma.value)
      }
      #expect(values[0].isNaN && values[1].isNaN)
      #expect(Array(values[2...]) == [2, 3, 17.0 / 3])
      #expect(sma.count == 5)
      #expect(sma.isReady)
    }

    @Test func matchesPandasRollingMean() throws {
      let fixture = try IndicatorFixture.peers()
      var sma = SMA(period: 20)
      let values = fixture["price"].map { price in
        sma.update(price)
        return sma.value
      }
      #expect(mismatches(values, fixture["sma20"]).isEmpty)
    }

    @Test func staysAccurateOverAMillionUpdates() {
      // Large level, small moves, and one spike that leaves the window again: the spike's
      // rounding would stay in an uncompensated running sum for ever.
      var generator = SplitMix64(seed: 7)
      var sma = SMA(period: 20)
      var recent = [Double]()
      for step in 0..<1_000_000 {
        let input = step == 500 ? 1e12 : 1e6 + generator.nextUnit()
        sma.update(input)
        recent.append(input)
        if recent.count > 20 { recent.removeFirst() }
      }
      var exact = CompensatedSum()
      for input in recent { exact.add(input) }
      #expect(isClose(sma.value, exact.total / 20, relative: 1e-12))
    }

    @Test func resetEmptiesTheWindow() {
      var sma = SMA(period: 2)
      for input in [100.0, 200, 300] { sma.update(input) }
      sma.reset()
      sma.update(1)
      #expect(sma.value.isNaN)
      sma.update(3)
      #expect(sma.value == 2)
    }
  }
}
