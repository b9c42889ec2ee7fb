import Testing

@testable import TradingCore

@Suite struct DecisionPipelineTests {
  @Test func theGuidesExampleBuysWithConfidence() throws {
    var pipeline = DecisionPipeline()
    let signal = StrategyFixture.signal(score: 0.75)
    let decision = try #require(pipeline.decide(signal: signal, context: StrategyFixture.context()).order)
    // Technical only (no forecasts): score 0.75; raw = 2,000 ÷ (0.02 × 0.75) = 133,333; capped at
    // 10,000 → 200 units at 50.
    #expect(decision.id == OrderID(signal: signal.id))
    #expect(decision.signalID == signal.id)
    #expect(decision.symbol == "AAPL")
    #expect(decision.side == .buy)
    #expect(decision.quantity == 200)
    #expect(decision.confidence == 0.75)
    #expect(decision.timestamp == StrategyFixture.morning)
    #expect(decision.meta["factor.technical"] == 0.75)
    #expect(decision.meta["sizing.risk_budget"] == 2_000)
    #expect(decision.meta["sizing.size"] == 10_000)
    #expect(decision.meta["sizing.volatility"] == 0.02)
    #expect(decision.meta["position.after_risk"] == 200)
  }

  @Test func tradesTheDifferenceFromTheCurrentPosition() throws {
    func decide(_ score: Double, holding: Quantity) -> DecisionOutcome {
      var pipeline = DecisionPipeline()
      return pipeline.decide(
        signal: StrategyFixture.signal(score: score), context: StrategyFixture.context(positions: ["AAPL": holding]))
    }
    let topUp = try #require(decide(0.75, holding: 150).order)
    #expect(topUp.side == .buy && topUp.quantity == 50)
    let trim = try #require(decide(0.75, holding: 300).order)
    #expect(trim.side == .sell && trim.quantity == 100)
    // Bearish while long 100: target −200, so sell 300.
    let reverse = try #require(decide(-0.6, holding: 100).order)
    #expect(reverse.side == .sell && reverse.quantity == 300)
    #expect(reverse.confidence == 0.6)
    #expect(decide(0.75, holding: 200) == .noOrder(.alreadyAtTarget))
    // Within one lot of the target is at the target.
    #expect(decide(0.75, holding: StrategyFixture.decimal("199.5")) == .noOrder(.alreadyAtTarget))
  }

  @Test func typedReasonsWhenNoOrder() {
    var pipeline = DecisionPipeline()
    #expect(
      pipeline.decide(signal: StrategyFixture.signal(1, score: 0.2), context: StrategyFixture.context())
        == .noOrder(.belowThreshold(score: 0.2, minimumScore: 0.3)))
    #expect(
      pipeline.decide(signal: StrategyFixture.signal(2, score: 0.9), context: StrategyFixture.context(prices: [:]))
        == .noOrder(.noPrice))
    #expect(
      pipeline.decide(
        signal: StrategyFixture.signal(3, score: 0.9), context: StrategyFixture.context(volatilities: [:]))
        == .noOrder(.noVolatility))
    #expect(
      pipeline.decide(signal: StrategyFixture.signal(4, score: 0.9), context: StrategyFixture.context(equity: 0))
        == .noOrder(.noAccountValue))
    #expect(
      pipeline.decide(
        signal: StrategyFixture.signal(5, score: 0.9), context: StrategyFixture.context(prices: ["AAPL": 20_000]))
        == .noOrder(.belowOneLot))
    var onlyML = DecisionPipeline(alpha: CombinedAlpha([.init(ForecastAlpha.ml, weight: 1)]))
    #expect(
      onlyML.decide(signal: StrategyFixture.signal(6, score: 0.9), context: StrategyFixture.context())
        == .noOrder(.noInsight))
  }

  @Test func volatilityFallsBackToTheSignalsMeta() throws {
    var pipeline = DecisionPipeline()
    let signal = StrategyFixture.signal(score: 0.8, meta: ["volatility": 0.5])
    let decision = try #require(
      pipeline.decide(signal: signal, context: StrategyFixture.context(prices: ["AAPL": 30], volatilities: [:])).order)
    // raw = 2,000 ÷ (0.5 × 0.8) = 5,000 → 166 units at 30.
    #expect(decision.quantity == 166)
  }

  @Test func mlOutageDegradesInsteadOfStopping() throws {
    var pipeline = DecisionPipeline()
    let withML = StrategyFixture.context(forecasts: ["AAPL": ["ml": 0.9, "sentiment": 0.6]])
    let full = try #require(pipeline.decide(signal: StrategyFixture.signal(1, score: 0.5), context: withML).order)
    // 0.5 × 0.5 + 0.3 × 0.9 + 0.2 × 0.6 = 0.64.
    #expect(abs(full.confidence - 0.64) < 1e-12)
    let degraded = try #require(
      pipeline.decide(signal: StrategyFixture.signal(2, score: 0.5), context: StrategyFixture.context()).order)
    #expect(degraded.confidence == 0.5)
    #expect(degraded.meta["alpha.answered_weight"] == 0.5)
  }

  @Test func riskShrinksAndCancelsWithTheRulesName() throws {
    var pipeline = DecisionPipeline(risk: RiskManager(rules: [MaxPositionRule(maxUnits: 120)]))
    let shrunk = try #require(
      pipeline.decide(signal: StrategyFixture.signal(1, score: 0.9), context: StrategyFixture.context()).order)
    #expect(shrunk.quantity == 120)
    #expect(shrunk.meta["risk.max_position"] == 120)
    #expect(shrunk.meta["position.target"] == 200)
    #expect(
      pipeline.decide(
        signal: StrategyFixture.signal(2, score: 0.9), context: StrategyFixture.context(positions: ["AAPL": 120]))
        == .noOrder(.riskCancelled(rule: "max_position")))
    pipeline.risk.isKillSwitchEngaged = true
    #expect(
      pipeline.decide(signal: StrategyFixture.signal(3, score: 0.9), context: StrategyFixture.context())
        == .noOrder(.riskCancelled(rule: "kill_switch")))
  }

  @Test func drawdownKillSwitchAcrossASequenceOfContexts() throws {
    var pipeline = DecisionPipeline()  // standard: 10 % drawdown, 3 % daily loss
    let day1 = StrategyFixture.morning
    func context(_ equity: Money, holding: Quantity, hours: Int64, day: Int64 = 0) -> StrategyContext {
      StrategyFixture.context(
        equity: equity, positions: ["AAPL": holding], at: day1.adding(seconds: day * 86_400 + hours * 3_600))
    }
    // Day 1: buys at 100,000, then equity rises to 104,000 and falls 3.9 % → daily loss trips.
    #expect(
      pipeline.decide(signal: StrategyFixture.signal(1, score: 0.9), context: context(100_000, holding: 0, hours: 0))
        .order != nil)
    _ = pipeline.decide(
      signal: StrategyFixture.signal(2, score: 0.1), context: context(104_000, holding: 200, hours: 1))
    #expect(
      pipeline.decide(signal: StrategyFixture.signal(3, score: -0.9), context: context(96_100, holding: 0, hours: 2))
        == .noOrder(.riskCancelled(rule: "daily_loss")))
    // Reducing still passes: long 200, bearish view → sell 200 to flat, not 400.
    let exit = try #require(
      pipeline.decide(signal: StrategyFixture.signal(4, score: -0.9), context: context(96_100, holding: 200, hours: 3))
        .order)
    #expect(exit.side == .sell && exit.quantity == 200)
    #expect(exit.meta["risk.daily_loss"] == 0)
    // Day 2 re-arms the daily switch; opening 96,100 (7.6 % below the 104,000 peak).
    #expect(
      pipeline.decide(
        signal: StrategyFixture.signal(5, score: 0.9), context: context(96_100, holding: 0, hours: 0, day: 1)
      ).order != nil)
    // Then 93,500: 10.1 % below the peak → the drawdown switch trips and stays tripped.
    #expect(
      pipeline.decide(
        signal: StrategyFixture.signal(6, score: 0.9), context: context(93_500, holding: 0, hours: 1, day: 1))
        == .noOrder(.riskCancelled(rule: "max_drawdown")))
    #expect(
      pipeline.decide(
        signal: StrategyFixture.signal(7, score: 0.9), context: context(100_000, holding: 0, hours: 0, day: 2))
        == .noOrder(.riskCancelled(rule: "max_drawdown")))
    pipeline.risk.rearm()
    #expect(
      pipeline.decide(
        signal: StrategyFixture.signal(8, score: 0.9), context: context(100_000, holding: 0, hours: 1, day: 2)
      ).order != nil)
  }
}

@Suite struct DecisionIdempotencyTests {
  @Test func aRedeliveredSignalIsADuplicateOfTheFirstDecision() throws {
    var pipeline = DecisionPipeline()
    let signal = StrategyFixture.signal(score: 0.75)
    let first = try #require(pipeline.decide(signal: signal, context: StrategyFixture.context()).order)
    // Redelivered after the position was taken: answered from memory, not decided again.
    let again = pipeline.decide(signal: signal, context: StrategyFixture.context(positions: ["AAPL": 200]))
    #expect(again == .duplicate(previous: first))
    let weak = StrategyFixture.signal(2, score: 0.1)
    #expect(pipeline.decide(signal: weak, context: StrategyFixture.context()).order == nil)
    #expect(pipeline.decide(signal: weak, context: StrategyFixture.context()) == .duplicate(previous: nil))
  }

  @Test func forgottenSignalsKeepTheirOrderID() throws {
    var pipeline = DecisionPipeline(rememberedSignals: 2)
    let context = StrategyFixture.context()
    let first = try #require(pipeline.decide(signal: StrategyFixture.signal(1, score: 0.75), context: context).order)
    _ = pipeline.decide(signal: StrategyFixture.signal(2, score: 0.75), context: context)
    #expect(pipeline.decide(signal: StrategyFixture.signal(2, score: 0.75), context: context).order == nil)
    _ = pipeline.decide(signal: StrategyFixture.signal(3, score: 0.75), context: context)
    // Signal 1 has been forgotten (capacity 2): decided again, with the same order id.
    let again = try #require(pipeline.decide(signal: StrategyFixture.signal(1, score: 0.75), context: context).order)
    #expect(again.id == first.id)
    #expect(again == first)
  }
}
