import Testing

@testable import TradingCore

@Suite struct VolatilitySizerTests {
  let sizer = VolatilitySizer()

  @Test func capsAtTenPercentOfAccountValue() throws {
    // budget = 100,000 × 0.02 = 2,000; raw = 2,000 ÷ (0.02 × 0.5) = 200,000;
    // cap = 10,000; 10,000 ÷ 50 = 200 units.
    let size = try sizer.size(accountValue: 100_000, volatility: 0.02, score: 0.5, price: 50)
    #expect(size.riskBudget == 2_000)
    #expect(abs(size.rawSize - 200_000) < 1e-6)
    #expect(size.size == 10_000)
    #expect(size.quantity == 200)
    #expect(size.price == 50)
  }

  @Test func belowTheCapSizesByVolatility() throws {
    // raw = 2,000 ÷ (0.5 × 0.8) = 5,000 < 10,000; 5,000 ÷ 30 = 166.67 → 166 whole units.
    let size = try sizer.size(accountValue: 100_000, volatility: 0.5, score: 0.8, price: 30)
    #expect(size.size == 5_000)
    #expect(size.quantity == 166)
    // A short view sizes the same: the sizer gives a magnitude.
    #expect(try sizer.size(accountValue: 100_000, volatility: 0.5, score: -0.8, price: 30).quantity == 166)
  }

  @Test func weakerScoreGetsLargerRawSizeAsTheGuideSpecifies() throws {
    // raw = 2,000 ÷ (0.5 × 0.4) = 10,000 — twice the raw size of score 0.8; capped at 10,000 → 333 units.
    let size = try sizer.size(accountValue: 100_000, volatility: 0.5, score: 0.4, price: 30)
    #expect(abs(size.rawSize - 10_000) < 1e-6)
    #expect(size.quantity == 333)
  }

  @Test func roundsDownToWholeLots() throws {
    let tens = VolatilitySizer(lotSize: 10)
    #expect(try tens.size(accountValue: 100_000, volatility: 0.5, score: 0.8, price: 30).quantity == 160)
    let milli = VolatilitySizer(lotSize: StrategyFixture.decimal("0.001"))
    // 5,000 ÷ 30 = 166.6666… → 166.666.
    #expect(
      try milli.size(accountValue: 100_000, volatility: 0.5, score: 0.8, price: 30).quantity
        == StrategyFixture.decimal("166.666"))
  }

  @Test func noVolatilityNoOrder() {
    #expect(throws: SizingError.noVolatility) {
      try sizer.size(accountValue: 100_000, volatility: 0, score: 0.5, price: 50)
    }
    #expect(throws: SizingError.noVolatility) {
      try sizer.size(accountValue: 100_000, volatility: nil, score: 0.5, price: 50)
    }
    #expect(throws: SizingError.noVolatility) {
      try sizer.size(accountValue: 100_000, volatility: .nan, score: 0.5, price: 50)
    }
    #expect(throws: SizingError.noVolatility) {
      try sizer.size(accountValue: 100_000, volatility: -0.1, score: 0.5, price: 50)
    }
  }

  @Test func rejectsWhatCannotBeSized() {
    #expect(throws: SizingError.noAccountValue) {
      try sizer.size(accountValue: 0, volatility: 0.02, score: 0.5, price: 50)
    }
    #expect(throws: SizingError.noPrice) {
      try sizer.size(accountValue: 100_000, volatility: 0.02, score: 0.5, price: nil)
    }
    // 10,000 buys no whole unit at 20,000.
    #expect(throws: SizingError.belowOneLot) {
      try sizer.size(accountValue: 100_000, volatility: 0.02, score: 0.5, price: 20_000)
    }
  }

  @Test func affordableUnitsFloorWhereDivisionWouldRoundUp() {
    // 20,000 ÷ 3 rounds half-even to 6,666.66666667, which costs 20,000.00000001.
    #expect(Fixed(20_000) / Fixed(3) == StrategyFixture.decimal("6666.66666667"))
    let units = Fixed.units(affordableWith: 20_000, at: 3)
    #expect(units == StrategyFixture.decimal("6666.66666666"))
    #expect(units * Fixed(3) <= 20_000)
    #expect(Fixed.units(affordableWith: -5, at: 3) == .zero)
  }
}

@Suite struct SizerPropertyTests {
  /// Over random accounts, volatilities, scores, prices and lot sizes: the size is never
  /// negative, never above maxPositionFraction × account value, and a whole number of lots.
  @Test func neverNegativeNeverAboveTheCap() throws {
    var random = SplitMix64(seed: 0x5153_A1E5)
    let lots: [Quantity] = [1, 10, StrategyFixture.decimal("0.01"), StrategyFixture.decimal("0.00000001")]
    for _ in 0..<5_000 {
      let sizer = VolatilitySizer(
        riskPerTrade: 0.001 + random.nextUnit() * 0.05, maxPositionFraction: 0.01 + random.nextUnit() * 0.5,
        lotSize: lots[Int(random.next() % UInt64(lots.count))])
      let account = Fixed(raw: Int64(random.next() % 100_000_000_000_000_000))  // up to 1e9
      let price = Fixed(raw: 1 + Int64(random.next() % 10_000_000_000_000))  // up to 1e5
      let volatility = [1e-6, 1e-4, 1e-2, 1][Int(random.next() % 4)] * (0.1 + random.nextUnit())
      let score = random.nextUnit() * 2 - 1
      let cap = account * Fixed(sizer.maxPositionFraction)
      do {
        let size = try sizer.size(accountValue: account, volatility: volatility, score: score, price: price)
        #expect(size.quantity.isPositive)
        #expect(size.size <= cap)
        #expect(size.quantity * price <= size.size)
        #expect(size.quantity.raw % sizer.lotSize.raw == 0)
      } catch {
        #expect(error == .belowOneLot || (error == .noAccountValue && !account.isPositive))
      }
    }
  }

}
