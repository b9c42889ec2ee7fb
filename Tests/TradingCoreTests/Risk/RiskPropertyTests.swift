import Testing

@testable import TradingCore

@Suite struct RiskPropertyTests {
  /// Over thousands of random rule sets, positions, prices and targets: risk management never
  /// trades more than the target asked, never in the other direction, and a trade it shrank is
  /// a whole number of lots.
  @Test func riskNeverGrowsOrReversesATrade() {
    var random = SplitMix64(seed: 0x0815_7EA1)
    let symbols = ["AAA", "BBB", "CCC", "DDD"]
    let lots: [Quantity] = [1, 10, StrategyFixture.decimal("0.01")]
    for _ in 0..<5_000 {
      var positions: [String: Quantity] = [:]
      var prices: [String: Price] = [:]
      for symbol in symbols {
        positions[symbol] = units(&random, upTo: 2_000)
        if random.next() % 10 != 0 { prices[symbol] = Fixed(raw: 1 + Int64(random.next() % 100_000_000_000)) }
      }
      let symbol = symbols[Int(random.next() % 4)]
      let price = prices[symbol] ?? 25
      let equity = Fixed(raw: Int64(random.next() % 20_000_000_000_000))
      let context = StrategyFixture.context(
        equity: equity, positions: positions, prices: prices,
        at: StrategyFixture.morning.adding(seconds: Int64(random.next() % 200_000)))
      var manager = RiskManager(rules: randomRules(&random))
      manager.isKillSwitchEngaged = random.next() % 8 == 0
      manager.observe(StrategyFixture.context(equity: 100_000))
      manager.observe(context)
      let current = positions[symbol] ?? .zero
      let target = units(&random, upTo: 3_000)
      let lotSize = lots[Int(random.next() % UInt64(lots.count))]
      let report = manager.manage(
        PortfolioTarget(symbol: symbol, quantity: target), current: current, price: price, context: context,
        lotSize: lotSize)
      let asked = target - current
      let allowed = report.target.quantity - current
      #expect(allowed.magnitude <= asked.magnitude)
      #expect(allowed.isZero || allowed.signum == asked.signum)
      if !report.adjustments.isEmpty {
        #expect(allowed.raw % lotSize.raw == 0)
      } else {
        #expect(report.target.quantity == target)
      }
    }
  }

  /// Each built-in rule keeps the contract on its own, without the manager's guard.
  @Test func everyBuiltInRuleOnlyShrinks() {
    var random = SplitMix64(seed: 0xD1CE_5EED)
    for _ in 0..<5_000 {
      let current = units(&random, upTo: 2_000)
      let target = units(&random, upTo: 3_000)
      let price = Fixed(raw: 1 + Int64(random.next() % 100_000_000_000))
      let context = StrategyFixture.context(
        equity: Fixed(raw: Int64(random.next() % 20_000_000_000_000)),
        positions: ["AAPL": current, "MSFT": units(&random, upTo: 1_000)],
        prices: random.next() % 5 == 0 ? ["AAPL": price] : ["AAPL": price, "MSFT": 300])
      var rules = randomRules(&random).filter { !($0 is GreedyRule || $0 is ReversingRule) }
      for index in rules.indices {
        rules[index].observe(StrategyFixture.context(equity: 100_000))
        rules[index].observe(context)
      }
      for rule in rules {
        let allowed =
          rule.allowedTarget(
            for: PortfolioTarget(symbol: "AAPL", quantity: target), current: current, price: price, context: context)
          - current
        let asked = target - current
        #expect(allowed.magnitude <= asked.magnitude, "\(rule.name)")
        #expect(allowed.isZero || allowed.signum == asked.signum, "\(rule.name)")
      }
    }
  }

  private func units(_ random: inout SplitMix64, upTo limit: Int64) -> Quantity {
    Fixed(raw: (Int64(random.next() % UInt64(2 * limit + 1)) - limit) * Fixed.scale / 4)
  }

  private func randomRules(_ random: inout SplitMix64) -> [any RiskRule] {
    var rules: [any RiskRule] = []
    if random.next() % 2 == 0 { rules.append(MaxPositionRule(maxUnits: units(&random, upTo: 1_000).magnitude)) }
    if random.next() % 2 == 0 {
      rules.append(MaxPositionRule(maxNotional: Fixed(raw: Int64(random.next() % 10_000_000_000_000))))
    }
    if random.next() % 2 == 0 {
      rules.append(MaxOrderNotionalRule(maxOrderNotional: Fixed(raw: Int64(random.next() % 5_000_000_000_000))))
    }
    if random.next() % 2 == 0 {
      rules.append(MaxGrossExposureRule(maxGrossExposure: Fixed(raw: Int64(random.next() % 50_000_000_000_000))))
    }
    if random.next() % 2 == 0 { rules.append(MaxDrawdownRule(maxDrawdownFraction: random.nextUnit() * 0.3)) }
    if random.next() % 2 == 0 {
      rules.append(DailyLossRule(limit: .fractionOfOpeningEquity(random.nextUnit() * 0.1)))
    }
    if random.next() % 4 == 0 { rules.append(GreedyRule()) }
    if random.next() % 4 == 0 { rules.append(ReversingRule()) }
    rules.shuffle(using: &random)
    return rules
  }
}
