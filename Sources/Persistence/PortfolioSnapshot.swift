import TradingCore

/// The account's figures at one moment (`GET /api/portfolio` shows the latest).
public struct PortfolioSnapshot: Sendable, Hashable, Codable {
  public var timestamp: Timestamp
  public var cash: Money
  /// Cash plus the market value of every position at the marks of `timestamp`.
  public var equity: Money
  public var realizedPnL: Money
  public var unrealizedPnL: Money
  /// Σ |quantity × mark| over all positions.
  public var grossExposure: Money

  public init(
    timestamp: Timestamp, cash: Money, equity: Money, realizedPnL: Money, unrealizedPnL: Money, grossExposure: Money
  ) {
    self.timestamp = timestamp
    self.cash = cash
    self.equity = equity
    self.realizedPnL = realizedPnL
    self.unrealizedPnL = unrealizedPnL
    self.grossExposure = grossExposure
  }

  /// The figures of `portfolio` at `marks` (symbols without a mark count at their entry price).
  public init(portfolio: Portfolio, marks: [String: Price], at timestamp: Timestamp) {
    self.init(
      timestamp: timestamp, cash: portfolio.cash, equity: portfolio.equity(marks: marks),
      realizedPnL: portfolio.realizedPnL, unrealizedPnL: portfolio.unrealizedPnL(marks: marks),
      grossExposure: portfolio.grossExposure(marks: marks))
  }
}
