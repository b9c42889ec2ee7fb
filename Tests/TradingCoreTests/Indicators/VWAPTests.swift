import Testing

@testable import TradingCore

extension IndicatorTests {
  @Suite struct VWAPTests {
    @Test func byHand() {
      // (10·10 + 20·20 + 30·30) / 60 = 1400 / 60.
      var vwap = VWAP()
      #expect(vwap.value.isNaN)
      #expect(!vwap.isReady)
      vwap.update(price: 10, volume: 10)
      vwap.update(price: 20, volume: 20)
      vwap.update(price: 30, volume: 30)
      #expect(isClose(vwap.value, 1400.0 / 60, relative: 1e-15))
      #expect(vwap.volume == 60)
      #expect(vwap.count == 3)
    }

    @Test func lastPriceWhileNoVolume() {
      var vwap = VWAP()
      vwap.update(price: 100, volume: 0)
      #expect(vwap.value == 100)
      #expect(vwap.isReady)
      vwap.update(price: 101, volume: 0)
      #expect(vwap.value == 101)
      vwap.update(price: 102, volume: 5)
      vwap.update(price: 999, volume: 0)
      #expect(vwap.value == 102)
    }

    @Test func resetStartsANewSession() {
      var vwap = VWAP()
      vwap.update(price: 10, volume: 10)
      vwap.reset()
      #expect(vwap.count == 0)
      vwap.update(price: 50, volume: 1)
      #expect(vwap.value == 50)
    }

    @Test func matchesNumpyCumulativeSums() throws {
      let fixture = try IndicatorFixture.peers()
      var vwap = VWAP()
      let values = zip(fixture["price"], fixture["volume"]).map { price, volume in
        vwap.update(price: price, volume: volume)
        return vwap.value
      }
      #expect(mismatches(values, fixture["vwap"]).isEmpty)
    }
  }
}
