import Testing

@testable import TradingCore

@Suite struct RiskRuleTests {
  let context = StrategyFixture.context()

  func allowed(_ rule: some RiskRule, target: Quantity, current: Quantity, price: Price = 50, symbol: String = "AAPL")
    -> Quantity
  {
    allowed(rule, target: target, current: current, price: price, symbol: symbol, context: context)
  }

  func allowed(
    _ rule: some RiskRule, target: Quantity, current: Quantity, price: Price, symbol: String, context: StrategyContext
  ) -> Quantity {
    rule.allowedTarget(
      for: PortfolioTarget(symbol: symbol, quantity: target), current: current, price: price, context: context)
  }

  @Test func maxPositionInUnits() {
    let rule = MaxPositionRule(maxUnits: 100)
    #expect(allowed(rule, target: 80, current: 0) == 80)
    #expect(allowed(rule, target: 200, current: 50) == 100)
    #expect(allowed(rule, target: 200, current: -50) == 100)
    #expect(allowed(rule, target: -300, current: 50) == -100)
    // Already above the limit: adding is cancelled, trimming passes even if it stays above.
    #expect(allowed(rule, target: 200, current: 150) == 150)
    #expect(allowed(rule, target: 120, current: 150) == 120)
  }

  @Test func maxPositionInNotional() {
    // 5,000 ÷ 40 = 125 units.
    #expect(allowed(MaxPositionRule(maxNotional: 5_000), target: 200, current: 0, price: 40) == 125)
    // The tighter of 100 units and 125 units.
    #expect(allowed(MaxPositionRule(maxUnits: 100, maxNotional: 5_000), target: 200, current: 0, price: 40) == 100)
  }

  @Test func maxOrderNotional() {
    // 10,000 ÷ 50 = 200 units per order, either way, reducing orders included.
    let rule = MaxOrderNotionalRule(maxOrderNotional: 10_000)
    #expect(allowed(rule, target: 500, current: 100) == 300)
    #expect(allowed(rule, target: -500, current: 100) == -100)
    #expect(allowed(rule, target: 250, current: 100) == 250)
    #expect(allowed(rule, target: 0, current: 1_000) == 800)
  }

  @Test func maxGrossExposure() {
    let context = StrategyFixture.context(
      positions: ["AAA": 1_000, "BBB": -200], prices: ["AAA": 50, "BBB": 100, "CCC": 40])
    let rule = MaxGrossExposureRule(maxGrossExposure: 100_000)
    // Others 70,000; headroom 30,000 at 40 = 750 units.
    #expect(allowed(rule, target: 1_000, current: 0, price: 40, symbol: "CCC", context: context) == 750)
    #expect(allowed(rule, target: -600, current: 0, price: 40, symbol: "CCC", context: context) == -600)
    // For BBB the others are 50,000; headroom 50,000 at 100 = 500 units.
    #expect(allowed(rule, target: -800, current: -200, price: 100, symbol: "BBB", context: context) == -500)
    // Over the limit already: only reductions pass.
    let full = MaxGrossExposureRule(maxGrossExposure: 60_000)
    #expect(allowed(full, target: 100, current: 0, price: 40, symbol: "CCC", context: context) == 0)
    #expect(allowed(full, target: -1_300, current: -200, price: 100, symbol: "BBB", context: context) == -200)
    #expect(allowed(full, target: 100, current: -200, price: 100, symbol: "BBB", context: context) == 100)
  }

  @Test func grossExposureThatCannotBeValuedAllowsOnlyReductions() {
    let context = StrategyFixture.context(positions: ["AAA": 1_000], prices: ["CCC": 40])
    let rule = MaxGrossExposureRule(maxGrossExposure: 1_000_000)
    #expect(allowed(rule, target: 100, current: 0, price: 40, symbol: "CCC", context: context) == 0)
    #expect(allowed(rule, target: -50, current: 100, price: 40, symbol: "CCC", context: context) == 0)
    #expect(allowed(rule, target: 60, current: 100, price: 40, symbol: "CCC", context: context) == 60)
  }

  @Test func shrinkNeverPassesTheCurrentPosition() {
    #expect(RiskBounds.shrink(-100, toward: 100, within: RiskBounds.reduceOnly(from: 100)) == 0)
    #expect(RiskBounds.shrink(300, toward: 100, within: RiskBounds.reduceOnly(from: 100)) == 100)
    #expect(RiskBounds.shrink(40, toward: 100, within: RiskBounds.reduceOnly(from: 100)) == 40)
    #expect(RiskBounds.shrink(-40, toward: 0, within: RiskBounds.reduceOnly(from: 0)) == 0)
  }
}
