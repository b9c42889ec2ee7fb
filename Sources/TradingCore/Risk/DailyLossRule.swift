/// Kill switch on the day's loss: once equity falls more than `limit` below the day's opening
/// equity, only risk-reducing trades pass for the rest of that day.
///
/// The day is the UTC calendar day of the context's timestamp, and the opening equity is the
/// first equity seen on it. The switch re-arms by itself on the next day — that is what makes
/// the limit daily — or earlier by `reset()`. A context stamped on an earlier day than the
/// current one (late data) changes nothing.
public struct DailyLossRule: RiskRule {
  /// How much a day may lose.
  public enum Limit: Sendable, Hashable {
    /// An amount of account currency.
    case amount(Money)
    /// A share of the day's opening equity.
    case fractionOfOpeningEquity(Double)
  }

  public let name = "daily_loss"
  public var limit: Limit
  /// Days since 1970-01-01 (UTC) of the trading day being measured.
  public private(set) var day: Int64?
  /// The first equity seen on `day`.
  public private(set) var openingEquity: Money?
  /// Whether the switch has tripped on `day`.
  public private(set) var isTripped = false

  /// A daily loss limit; by default 3 % of the day's opening equity.
  public init(limit: Limit = .fractionOfOpeningEquity(0.03)) {
    switch limit {
    case .amount(let amount): precondition(!amount.isNegative, "a daily loss limit is not negative")
    case .fractionOfOpeningEquity(let fraction):
      precondition(fraction.isFinite && fraction >= 0, "a daily loss fraction is not negative")
    }
    self.limit = limit
  }

  public mutating func observe(_ context: StrategyContext) {
    let today = context.timestamp.daysSinceEpoch
    if let day, today < day { return }
    if day != today || openingEquity == nil {
      day = today
      openingEquity = context.equity
      isTripped = false
    }
    guard let openingEquity else { return }
    let allowedLoss: Money
    switch limit {
    case .amount(let amount): allowedLoss = amount
    case .fractionOfOpeningEquity(let fraction): allowedLoss = openingEquity.magnitude * Fixed(fraction)
    }
    if openingEquity - context.equity > allowedLoss { isTripped = true }
  }

  public func allowedTarget(
    for target: PortfolioTarget, current: Quantity, price: Price, context: StrategyContext
  ) -> Quantity {
    guard isTripped else { return target.quantity }
    return RiskBounds.shrink(target.quantity, toward: current, within: RiskBounds.reduceOnly(from: current))
  }

  /// Re-arms the switch and takes the next equity seen as the day's opening equity.
  public mutating func reset() {
    isTripped = false
    openingEquity = nil
  }
}
