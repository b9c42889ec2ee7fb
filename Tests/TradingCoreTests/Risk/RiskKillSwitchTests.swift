import Testing

@testable import TradingCore

@Suite struct RiskKillSwitchTests {
  func at(_ hour: Int, day: Int = 29) -> Timestamp {
    CivilDateTime(year: 2025, month: 9, day: day, hour: hour).timestamp
  }

  func context(_ equity: String, at timestamp: Timestamp = StrategyFixture.morning) -> StrategyContext {
    StrategyFixture.context(equity: StrategyFixture.decimal(equity), at: timestamp)
  }

  func allowed(_ rule: some RiskRule, target: Quantity, current: Quantity) -> Quantity {
    rule.allowedTarget(
      for: PortfolioTarget(symbol: "AAPL", quantity: target), current: current, price: 50,
      context: StrategyFixture.context())
  }

  @Test func drawdownTripsBeyondTheFractionAndLatches() {
    var rule = MaxDrawdownRule(maxDrawdownFraction: 0.10)
    rule.observe(context("100000"))
    rule.observe(context("110000"))
    #expect(rule.peakEquity == 110_000)
    // 110,000 − 10 % = 99,000: exactly at the limit does not trip.
    rule.observe(context("99000"))
    #expect(!rule.isTripped)
    #expect(allowed(rule, target: 300, current: 100) == 300)
    rule.observe(context("98999.99"))
    #expect(rule.isTripped)
    // Only reductions: adding cancelled, trimming passes, reversing stops at flat.
    #expect(allowed(rule, target: 300, current: 100) == 100)
    #expect(allowed(rule, target: 50, current: 100) == 50)
    #expect(allowed(rule, target: -100, current: 100) == 0)
    #expect(allowed(rule, target: -100, current: 0) == 0)
    // A recovery to a new high does not re-arm it.
    rule.observe(context("120000"))
    #expect(rule.isTripped)
    #expect(rule.peakEquity == 120_000)
    rule.reset()
    #expect(!rule.isTripped)
    #expect(rule.peakEquity == nil)
    rule.observe(context("90000"))
    #expect(rule.peakEquity == 90_000)
    #expect(!rule.isTripped)
  }

  @Test func dailyLossTripsForTheRestOfTheDayAndReArmsNextDay() {
    var rule = DailyLossRule(limit: .fractionOfOpeningEquity(0.03))
    rule.observe(context("100000", at: at(9)))
    #expect(rule.openingEquity == 100_000)
    // Loss 3,000 = 3 % of 100,000: at the limit, not beyond it.
    rule.observe(context("97000", at: at(12)))
    #expect(!rule.isTripped)
    rule.observe(context("96999", at: at(13)))
    #expect(rule.isTripped)
    #expect(allowed(rule, target: 300, current: 100) == 100)
    rule.observe(context("100500", at: at(15)))
    #expect(rule.isTripped)
    // Next UTC day: the first equity seen is the new opening, and the switch re-arms.
    rule.observe(context("96000", at: at(0, day: 30)))
    #expect(!rule.isTripped)
    #expect(rule.openingEquity == 96_000)
    #expect(allowed(rule, target: 300, current: 100) == 300)
    // Late data from the day before changes nothing.
    rule.observe(context("1", at: at(16)))
    #expect(!rule.isTripped)
    #expect(rule.openingEquity == 96_000)
  }

  @Test func dailyLossAsAnAmount() {
    var rule = DailyLossRule(limit: .amount(500))
    rule.observe(context("10000", at: at(9)))
    rule.observe(context("9500", at: at(10)))
    #expect(!rule.isTripped)
    rule.observe(context("9499.99", at: at(11)))
    #expect(rule.isTripped)
    rule.reset()
    rule.observe(context("9400", at: at(12)))
    #expect(!rule.isTripped)
    #expect(rule.openingEquity == 9_400)
  }
}
