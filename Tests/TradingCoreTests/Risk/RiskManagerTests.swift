import Testing

@testable import TradingCore

/// A rule that breaks the contract by tripling the trade, to show the manager contains it.
struct GreedyRule: RiskRule {
  let name = "greedy"
  func allowedTarget(for target: PortfolioTarget, current: Quantity, price: Price, context: StrategyContext)
    -> Quantity
  { current + (target.quantity - current) * 3 }
}

/// A rule that breaks the contract by reversing the trade.
struct ReversingRule: RiskRule {
  let name = "reversing"
  func allowedTarget(for target: PortfolioTarget, current: Quantity, price: Price, context: StrategyContext)
    -> Quantity
  { current - (target.quantity - current) }
}

@Suite struct RiskManagerTests {
  let context = StrategyFixture.context()

  func manage(_ manager: RiskManager, target: Quantity, current: Quantity, price: Price = 40, lotSize: Quantity = 1)
    -> RiskReport
  {
    manager.manage(
      PortfolioTarget(symbol: "AAPL", quantity: target), current: current, price: price, context: context,
      lotSize: lotSize)
  }

  @Test func appliesRulesInOrderAndReportsEachChange() {
    let manager = RiskManager(rules: [
      MaxPositionRule(maxUnits: 100), MaxOrderNotionalRule(maxOrderNotional: 2_000), MaxDrawdownRule(),
    ])
    // 200 → 100 (position), then 2,000 ÷ 40 = 50 units per order → 50.
    let report = manage(manager, target: 200, current: 0)
    #expect(report.target.quantity == 50)
    #expect(
      report.adjustments == [
        RiskAdjustment(rule: "max_position", proposed: 200, allowed: 100),
        RiskAdjustment(rule: "max_order_notional", proposed: 100, allowed: 50),
      ])
    #expect(report.cancellingRule(current: 0) == nil)
  }

  @Test func namesTheRuleThatCancelled() {
    let manager = RiskManager(rules: [MaxPositionRule(maxUnits: 100), MaxOrderNotionalRule(maxOrderNotional: 2_000)])
    let report = manage(manager, target: 200, current: 100)
    #expect(report.target.quantity == 100)
    #expect(report.cancellingRule(current: 100) == "max_position")
    #expect(report.adjustments.count == 1)
  }

  @Test func manualKillSwitchAllowsOnlyReductions() {
    var manager = RiskManager(rules: [])
    manager.isKillSwitchEngaged = true
    #expect(manage(manager, target: 200, current: 0).cancellingRule(current: 0) == "kill_switch")
    #expect(manage(manager, target: -100, current: 100).target.quantity == 0)
    manager.rearm()
    #expect(manage(manager, target: 200, current: 0).target.quantity == 200)
  }

  @Test func rearmResetsLatchedRules() {
    var manager = RiskManager(rules: [MaxDrawdownRule(maxDrawdownFraction: 0.1)])
    manager.observe(StrategyFixture.context(equity: 100_000))
    manager.observe(StrategyFixture.context(equity: 80_000))
    #expect(manage(manager, target: 200, current: 0).target.quantity == 0)
    manager.rearm()
    manager.observe(StrategyFixture.context(equity: 80_000))
    #expect(manage(manager, target: 200, current: 0).target.quantity == 200)
  }

  @Test func shrunkTradesAreWholeLots() {
    // 1,000 ÷ 30 = 33.33333333 units allowed; in lots of 10 that is 30.
    let manager = RiskManager(rules: [MaxOrderNotionalRule(maxOrderNotional: 1_000)])
    #expect(manage(manager, target: 100, current: 0, price: 30, lotSize: 10).target.quantity == 30)
    // The trade is floored, not the position: from 5, 30 more makes 35.
    #expect(manage(manager, target: 105, current: 5, price: 30, lotSize: 10).target.quantity == 35)
    // A rule that lets the target pass leaves it exactly as given, lots or not.
    #expect(manage(manager, target: 25, current: 0, price: 30, lotSize: 10).target.quantity == 25)
  }

  @Test func containsRulesThatBreakTheContract() {
    let manager = RiskManager(rules: [GreedyRule(), ReversingRule()])
    let report = manage(manager, target: 200, current: 50)
    // Greedy is held to the given target (no change); reversing is held to the current position.
    #expect(report.target.quantity == 50)
    #expect(report.adjustments == [RiskAdjustment(rule: "reversing", proposed: 200, allowed: 50)])
  }
}
