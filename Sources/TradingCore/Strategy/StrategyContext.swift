/// Everything a decision needs about the account and the market, passed in by the caller.
///
/// The core reads no clock and asks no broker: the edge (live service or backtest loop) keeps
/// this up to date and hands it to `DecisionPipeline.decide(signal:context:)`. The maps are
/// copy-on-write, so passing the context by value costs a few reference counts.
public struct StrategyContext: Sendable, Hashable {
  /// The moment of the decision; the daily-loss rule derives the UTC trading day from it.
  public var timestamp: Timestamp
  /// Account value: cash plus the market value of every position.
  public var equity: Money
  public var cash: Money
  /// Signed quantity held per symbol: positive long, negative short; absent means flat.
  public var positions: [String: Quantity]
  /// The last traded (or mark) price per symbol.
  public var lastPrices: [String: Price]
  /// Rolling volatility of log returns per symbol, as a fraction (0.02 = 2 %).
  public var volatilities: [String: Double]
  /// Scores in [-1, 1] from models outside the core, per symbol then per factor
  /// (`"ml"`, `"sentiment"`). The edge fills them from the inference and sentiment services;
  /// an absent entry means that model did not answer in time, and the combiner trades without it.
  public var forecasts: [String: [String: Double]]

  public init(
    timestamp: Timestamp, equity: Money, cash: Money, positions: [String: Quantity] = [:],
    lastPrices: [String: Price] = [:], volatilities: [String: Double] = [:],
    forecasts: [String: [String: Double]] = [:]
  ) {
    self.timestamp = timestamp
    self.equity = equity
    self.cash = cash
    self.positions = positions
    self.lastPrices = lastPrices
    self.volatilities = volatilities
    self.forecasts = forecasts
  }

  /// The context of a `Portfolio` marked at `marks` (equity as `Portfolio.equity(marks:)` counts it).
  public init(
    portfolio: Portfolio, marks: [String: Price], timestamp: Timestamp, volatilities: [String: Double] = [:],
    forecasts: [String: [String: Double]] = [:]
  ) {
    self.init(
      timestamp: timestamp, equity: portfolio.equity(marks: marks), cash: portfolio.cash,
      positions: portfolio.positions.compactMapValues { $0.isFlat ? nil : $0.quantity }, lastPrices: marks,
      volatilities: volatilities, forecasts: forecasts)
  }

  /// Signed quantity held in `symbol` (zero when flat).
  @inlinable public func position(of symbol: String) -> Quantity { positions[symbol] ?? .zero }

  /// The last price of `symbol`, when known and positive.
  @inlinable public func lastPrice(of symbol: String) -> Price? {
    guard let price = lastPrices[symbol], price.isPositive else { return nil }
    return price
  }

  /// The volatility of `symbol`, when known, finite and positive.
  @inlinable public func volatility(of symbol: String) -> Double? {
    guard let volatility = volatilities[symbol], volatility.isFinite, volatility > 0 else { return nil }
    return volatility
  }

  /// The score the model named `factor` gave `symbol`, clamped to [-1, 1]; nil when it gave none.
  @inlinable public func forecast(_ factor: String, for symbol: String) -> Double? {
    guard let score = forecasts[symbol]?[factor], score.isFinite else { return nil }
    return min(1, max(-1, score))
  }

  /// Σ |quantity × last price| over every position except `symbol`'s; nil when a held symbol
  /// has no price, because exposure that cannot be valued must not be assumed small.
  public func grossExposure(excluding symbol: String) -> Money? {
    var gross = Money.zero
    for (held, quantity) in positions where held != symbol && !quantity.isZero {
      guard let price = lastPrice(of: held) else { return nil }
      gross += (quantity * price).magnitude
    }
    return gross
  }
}
