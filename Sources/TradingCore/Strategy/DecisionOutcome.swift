/// What the pipeline made of one signal: an order, a reason for none, or a repeat.
public enum DecisionOutcome: Sendable, Hashable {
  /// Trade toward the target.
  case order(OrderDecision)
  /// No trade, and why.
  case noOrder(NoOrderReason)
  /// The signal was decided before; `previous` is the order decided then (nil when none was).
  /// Publishing `previous` again is safe: its id is the same, and consumers deduplicate by it.
  case duplicate(previous: OrderDecision?)

  /// The order, when this outcome is one.
  public var order: OrderDecision? {
    if case .order(let decision) = self { return decision }
    return nil
  }
}

/// Why a signal made no order.
public enum NoOrderReason: Sendable, Hashable {
  /// No alpha model gave a view.
  case noInsight
  /// The combined |score| is below portfolio construction's threshold.
  case belowThreshold(score: Double, minimumScore: Double)
  /// The context has no positive last price for the symbol.
  case noPrice
  /// Neither the context nor the signal's `meta["volatility"]` gives a positive volatility.
  case noVolatility
  /// Account value is zero or negative.
  case noAccountValue
  /// The sized position is less than one lot.
  case belowOneLot
  /// The position already equals the target, to within one lot.
  case alreadyAtTarget
  /// A risk rule (or the kill switch) cancelled the trade; `rule` is its name.
  case riskCancelled(rule: String)
}
