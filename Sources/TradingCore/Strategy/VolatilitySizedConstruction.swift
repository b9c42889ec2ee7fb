/// Portfolio construction: turns an insight into a target position, sized by `VolatilitySizer`,
/// long for a positive score and short for a negative one.
///
/// The role of LEAN's `IPortfolioConstructionModel.CreateTargets` (QuantConnect/Lean,
/// `Algorithm/Portfolio/IPortfolioConstructionModel.cs`). Views weaker than `minimumScore`
/// make no target at all — the guide's `if abs(signal.score) < 0.3: return None` — so a weak
/// view neither opens nor closes a position. A target replaces the current position: a
/// strong view sized smaller than what is already held trims the position to the new size.
public struct VolatilitySizedConstruction: Sendable, Hashable {
  /// The smallest |score| that makes a target (default 0.3, as in the guide).
  public var minimumScore: Double
  public var sizer: VolatilitySizer

  public init(minimumScore: Double = 0.3, sizer: VolatilitySizer = VolatilitySizer()) {
    precondition(minimumScore.isFinite && minimumScore >= 0, "minimumScore is not negative")
    self.minimumScore = minimumScore
    self.sizer = sizer
  }

  /// The target for `insight`, or why there is none.
  public func target(
    for insight: Insight, accountValue: Money, price: Price?, volatility: Double?
  ) throws(ConstructionError) -> SizedTarget {
    guard insight.score.magnitude >= minimumScore, insight.score != 0 else {
      throw .belowThreshold(score: insight.score, minimumScore: minimumScore)
    }
    let sizing: PositionSize
    do {
      sizing = try sizer.size(accountValue: accountValue, volatility: volatility, score: insight.score, price: price)
    } catch {
      throw .sizing(error)
    }
    let quantity = insight.score > 0 ? sizing.quantity : -sizing.quantity
    return SizedTarget(target: PortfolioTarget(symbol: insight.symbol, quantity: quantity), sizing: sizing)
  }
}

/// A target and the sizing figures behind it.
public struct SizedTarget: Sendable, Hashable {
  public var target: PortfolioTarget
  public var sizing: PositionSize
}

/// Why portfolio construction made no target.
public enum ConstructionError: Error, Sendable, Hashable {
  /// |score| is below the threshold (or zero: no direction).
  case belowThreshold(score: Double, minimumScore: Double)
  /// The sizer could not size it.
  case sizing(SizingError)
}
