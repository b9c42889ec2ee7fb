/// The strategy engine's core: signal → alpha → portfolio construction → risk → order decision.
///
/// The four steps of LEAN's algorithm framework (alpha, portfolio construction, risk
/// management, execution — QuantConnect/Lean `Algorithm.Framework/`), run once per signal.
/// Execution here only turns the risk-managed target into an order for the difference from
/// the current position; placing it is the execution component's job.
///
/// Idempotent per signal: the order's id is `OrderID(signal: signal.id)`, and the last
/// `rememberedSignals` ids are kept, so a redelivered signal returns `.duplicate` with the
/// order decided the first time instead of being decided against a newer context.
public struct DecisionPipeline: Sendable {
  public var alpha: CombinedAlpha
  public var construction: VolatilitySizedConstruction
  public var risk: RiskManager
  private var recent: RecentDecisions

  public init(
    alpha: CombinedAlpha = .standard(), construction: VolatilitySizedConstruction = VolatilitySizedConstruction(),
    risk: RiskManager = .standard(), rememberedSignals: Int = 10_000
  ) {
    self.alpha = alpha
    self.construction = construction
    self.risk = risk
    recent = RecentDecisions(capacity: rememberedSignals)
  }

  /// Decides what to do about `signal` given `context`.
  ///
  /// Risk rules observe every context first (peak and daily equity), whatever the outcome.
  /// Volatility comes from the context, or else from the signal's `meta["volatility"]`.
  public mutating func decide(signal: Signal, context: StrategyContext) -> DecisionOutcome {
    risk.observe(context)
    if let entry = recent.entry(for: signal.id) { return .duplicate(previous: entry.decision) }
    let outcome = evaluate(signal, context: context)
    recent.record(signal.id, decision: outcome.order)
    return outcome
  }

  private func evaluate(_ signal: Signal, context: StrategyContext) -> DecisionOutcome {
    guard let insight = alpha.insight(for: signal, context: context) else { return .noOrder(.noInsight) }
    let volatility = context.volatility(of: signal.symbol) ?? signal.meta["volatility"]
    let sized: SizedTarget
    do {
      sized = try construction.target(
        for: insight, accountValue: context.equity, price: context.lastPrice(of: signal.symbol),
        volatility: volatility)
    } catch {
      return .noOrder(NoOrderReason(error))
    }
    let current = context.position(of: signal.symbol)
    let trade = sized.target.quantity - current
    let lots = trade.magnitude.flooredToLots(of: construction.sizer.lotSize)
    guard lots.isPositive else { return .noOrder(.alreadyAtTarget) }
    let proposed = PortfolioTarget(symbol: signal.symbol, quantity: trade.isNegative ? current - lots : current + lots)
    let report = risk.manage(
      proposed, current: current, price: sized.sizing.price, context: context, lotSize: construction.sizer.lotSize)
    let final = report.target.quantity
    guard final != current else {
      return .noOrder(.riskCancelled(rule: report.cancellingRule(current: current) ?? RiskManager.killSwitchName))
    }
    let meta = Self.meta(insight: insight, sized: sized, current: current, proposed: proposed, report: report)
    return .order(
      OrderDecision(
        id: OrderID(signal: signal.id), signalID: signal.id, symbol: signal.symbol,
        side: final > current ? .buy : .sell, quantity: (final - current).magnitude,
        confidence: insight.score.magnitude, timestamp: context.timestamp, meta: meta))
  }

  /// The factors, sizing and risk figures behind a decision, by name.
  private static func meta(
    insight: Insight, sized: SizedTarget, current: Quantity, proposed: PortfolioTarget, report: RiskReport
  ) -> [String: Double] {
    var meta = insight.meta
    meta.reserveCapacity(insight.meta.count + 11 + report.adjustments.count)
    meta["alpha.score"] = insight.score
    meta["sizing.volatility"] = sized.sizing.volatility
    meta["sizing.risk_budget"] = sized.sizing.riskBudget.doubleValue
    meta["sizing.raw_size"] = sized.sizing.rawSize
    meta["sizing.size"] = sized.sizing.size.doubleValue
    meta["sizing.price"] = sized.sizing.price.doubleValue
    meta["sizing.quantity"] = sized.sizing.quantity.doubleValue
    meta["position.current"] = current.doubleValue
    meta["position.target"] = proposed.quantity.doubleValue
    meta["position.after_risk"] = report.target.quantity.doubleValue
    for adjustment in report.adjustments {
      meta["risk.\(adjustment.rule)"] = adjustment.allowed.doubleValue
    }
    return meta
  }
}

extension NoOrderReason {
  /// The reason for a construction failure.
  init(_ error: ConstructionError) {
    switch error {
    case .belowThreshold(let score, let minimumScore): self = .belowThreshold(score: score, minimumScore: minimumScore)
    case .sizing(.noVolatility): self = .noVolatility
    case .sizing(.noAccountValue): self = .noAccountValue
    case .sizing(.noPrice): self = .noPrice
    case .sizing(.belowOneLot): self = .belowOneLot
    }
  }
}
