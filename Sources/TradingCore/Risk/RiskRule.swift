/// One risk limit. A rule may only shrink a target toward the current position or cancel it
/// (leave the position as it is); it may never enlarge the trade or push it past the target.
///
/// The role of LEAN's `IRiskManagementModel.ManageRisk` (QuantConnect/Lean,
/// `Algorithm/Risk/IRiskManagementModel.cs`), one limit per rule. `RiskManager` enforces the
/// shrink-only contract on every rule's answer, so a faulty rule can block trades but never
/// add risk.
public protocol RiskRule: Sendable {
  /// The rule's name in reasons and meta, e.g. `"max_drawdown"`.
  var name: String { get }

  /// Updates the rule's state (peak equity, the day's opening equity) from an account snapshot.
  /// Called for every context the pipeline sees, whether or not it leads to a trade.
  mutating func observe(_ context: StrategyContext)

  /// The target this rule allows for `target.symbol`, given the `current` position and the
  /// `price` the trade is sized at. Return `target.quantity` to let it pass, `current` to cancel.
  func allowedTarget(
    for target: PortfolioTarget, current: Quantity, price: Price, context: StrategyContext
  ) -> Quantity

  /// Re-arms a latched kill switch. Rules without one do nothing.
  mutating func reset()
}

extension RiskRule {
  public mutating func observe(_ context: StrategyContext) {}
  public mutating func reset() {}
}

/// The geometry every rule shares: a limit is an interval of allowed positions, and a target
/// outside it is pulled back into it, but never past the current position.
enum RiskBounds {
  /// The positions that reduce risk from `current`: between flat and `current`, inclusive.
  static func reduceOnly(from current: Quantity) -> ClosedRange<Quantity> {
    min(.zero, current)...max(.zero, current)
  }

  /// Positions with |quantity| ≤ `limit`.
  static func symmetric(_ limit: Quantity) -> ClosedRange<Quantity> {
    let magnitude = limit.magnitude
    return -magnitude...magnitude
  }

  /// `target` clamped into `bounds`, then kept between `current` and `target`: the result
  /// never trades more than `target − current`, never in the other direction, and when the
  /// position already breaks the limit, a trade that reduces it still passes.
  static func shrink(_ target: Quantity, toward current: Quantity, within bounds: ClosedRange<Quantity>) -> Quantity {
    let clamped = min(max(target, bounds.lowerBound), bounds.upperBound)
    return min(max(clamped, min(current, target)), max(current, target))
  }
}
