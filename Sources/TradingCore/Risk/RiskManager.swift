/// Applies risk rules in order to a target and reports what each changed.
///
/// Every rule sees the target as the rules before it left it. After each rule the manager
/// enforces the shrink-only contract (the answer is pulled back between the current position
/// and the target it was given) and rounds the trade down to whole lots, toward the current
/// position — so whatever the rules do, risk management never enlarges a trade, never reverses
/// it, and never makes a fractional lot. The manual kill switch acts first.
public struct RiskManager: Sendable {
  /// The name reported for the manual kill switch.
  public static let killSwitchName = "kill_switch"

  public private(set) var rules: [any RiskRule]
  /// When engaged, only risk-reducing trades pass, whatever the rules say.
  public var isKillSwitchEngaged = false

  /// A manager with `rules`, applied in that order.
  public init(rules: [any RiskRule]) {
    self.rules = rules
  }

  /// The kill switches every account should have: a 10 % drawdown and a 3 % daily loss.
  /// Position and exposure limits depend on the account and are added by configuration.
  public static func standard() -> RiskManager {
    RiskManager(rules: [MaxDrawdownRule(), DailyLossRule()])
  }

  /// Lets every rule update its state from an account snapshot.
  public mutating func observe(_ context: StrategyContext) {
    for index in rules.indices { rules[index].observe(context) }
  }

  /// Disengages the manual kill switch and re-arms every rule's latched switch.
  public mutating func rearm() {
    isKillSwitchEngaged = false
    for index in rules.indices { rules[index].reset() }
  }

  /// `target` after every rule, for a trade from `current` at `price`, in whole `lotSize` lots.
  public func manage(
    _ target: PortfolioTarget, current: Quantity, price: Price, context: StrategyContext, lotSize: Quantity
  ) -> RiskReport {
    var report = RiskReport(target: target)
    if isKillSwitchEngaged {
      let allowed = RiskBounds.shrink(target.quantity, toward: current, within: RiskBounds.reduceOnly(from: current))
      report.apply(Self.killSwitchName, allowed: allowed, current: current, lotSize: lotSize)
    }
    for rule in rules where report.target.quantity != current {
      let allowed = rule.allowedTarget(for: report.target, current: current, price: price, context: context)
      report.apply(rule.name, allowed: allowed, current: current, lotSize: lotSize)
    }
    return report
  }
}

/// What risk management did to one target.
public struct RiskReport: Sendable, Hashable {
  /// The target after every rule.
  public var target: PortfolioTarget
  /// Each change, in the order the rules made it; empty when every rule let the target pass.
  public var adjustments: [RiskAdjustment] = []

  /// Records `rule`'s answer, held to the shrink-only contract and rounded to whole lots.
  mutating func apply(_ rule: String, allowed: Quantity, current: Quantity, lotSize: Quantity) {
    let proposed = target.quantity
    let bounded = min(max(allowed, min(current, proposed)), max(current, proposed))
    guard bounded != proposed else { return }
    let trade = bounded - current
    let lots = trade.magnitude.flooredToLots(of: lotSize)
    let final = trade.isNegative ? current - lots : current + lots
    adjustments.append(RiskAdjustment(rule: rule, proposed: proposed, allowed: final))
    target.quantity = final
  }

  /// The rule that cancelled the trade, when one did.
  public func cancellingRule(current: Quantity) -> String? {
    adjustments.first { $0.allowed == current }?.rule
  }
}

/// One rule's change to a target.
public struct RiskAdjustment: Sendable, Hashable {
  public var rule: String
  /// The target quantity the rule was given.
  public var proposed: Quantity
  /// The target quantity it allowed.
  public var allowed: Quantity
}
