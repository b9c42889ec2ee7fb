import RealModule

/// The pattern engine's settings: indicator periods, how four components combine into one
/// score in [-1, 1], and the threshold at which a score becomes a signal.
///
/// With σ = max(volatility, `minimumVolatility`), the standard deviation of per-tick log
/// returns over `volatilityPeriod` ticks, and n the number of ticks in the VWAP session:
///
///     trend            = tanh( (fastEMA − slowEMA) / slowEMA / (trendScale · σ) )
///     vwapPosition     = tanh( (price − vwap) / vwap / (vwapScale · σ · √n) )
///     volatilityFactor = 1 / (1 + volatilityDampening · max(0, σ / baseline − 1))
///     volumeFactor     = 1 + volumeAmplification · tanh(max(0, volumeRatio − 1))
///
///     score = clamp( (trendWeight · trend + vwapWeight · vwapPosition)
///                    · volatilityFactor · volumeFactor, −1, 1 )
///
/// - `trend` and `vwapPosition` are directional, and both measure a relative gap against what
///   noise alone would produce: the EMA gap in units of σ, the distance from VWAP in units of
///   σ·√n (a random walk strays from its session average in proportion to √n). So 0.1 % means
///   a lot in a quiet market and little in a wild one; `tanh` maps the ratio into (−1, 1) and
///   saturates instead of exploding.
/// - `volatilityFactor` (0, 1] dampens in a high-volatility regime: when σ rises above its own
///   `volatilityBaselinePeriod`-tick EMA (`baseline`), crossovers are mostly noise.
/// - `volumeFactor` [1, 1 + volumeAmplification) amplifies when the tick's volume surges above
///   the average of the previous `volumePeriod` volumes (`volumeRatio` = volume ÷ that average;
///   1 when the feed carries no volume): a move on heavy volume is more likely to persist.
///
/// A signal is emitted when |score| > `threshold`. The default scales are calibrated on
/// simulated random walks (σ = 0.1 % per tick, one 20 000-tick session, 5 seeds): without
/// drift |score| exceeds 0.3 on about 3 % of ticks; with a drift of half of σ per tick, 96 %
/// of ticks give a buy signal (`PatternScoringTests` keeps the first figure honest).
public struct PatternScoring: Sendable, Hashable {
  /// Period of the fast EMA (seeded with the first price, as NautilusTrader does).
  public var fastPeriod: Int
  /// Period of the slow EMA.
  public var slowPeriod: Int
  /// Number of log returns in the rolling volatility.
  public var volatilityPeriod: Int
  /// Number of previous volumes the volume ratio compares against.
  public var volumePeriod: Int
  /// Period of the EMA of volatility that defines the "normal" volatility regime.
  public var volatilityBaselinePeriod: Int
  /// Weight of the EMA trend component; with `vwapWeight` it sums to 1 by default.
  public var trendWeight: Double
  /// Weight of the price-against-VWAP component.
  public var vwapWeight: Double
  /// How strongly volatility above its baseline shrinks the score (0 turns it off).
  public var volatilityDampening: Double
  /// How much a volume surge can enlarge the score (0 turns it off).
  public var volumeAmplification: Double
  /// EMA gap, in units of σ, at which `trend` reaches tanh(1) ≈ 0.76.
  public var trendScale: Double
  /// Distance from VWAP, in units of σ·√n, at which `vwapPosition` reaches tanh(1).
  public var vwapScale: Double
  /// Floor under σ, so that a perfectly flat series divides by something positive.
  public var minimumVolatility: Double
  /// |score| above which a signal is emitted.
  public var threshold: Double
  /// Number of recent signals kept per symbol.
  public var historyCapacity: Int

  public init(
    fastPeriod: Int = 10, slowPeriod: Int = 20, volatilityPeriod: Int = 20, volumePeriod: Int = 20,
    volatilityBaselinePeriod: Int = 100, trendWeight: Double = 0.6, vwapWeight: Double = 0.4,
    volatilityDampening: Double = 1, volumeAmplification: Double = 0.5, trendScale: Double = 5,
    vwapScale: Double = 3, minimumVolatility: Double = 1e-9, threshold: Double = 0.3, historyCapacity: Int = 100
  ) {
    precondition(fastPeriod >= 1 && slowPeriod >= 1 && volumePeriod >= 1, "PatternScoring: periods must be positive")
    precondition(volatilityPeriod >= 2, "PatternScoring: volatilityPeriod must be at least 2")
    precondition(minimumVolatility > 0, "PatternScoring: minimumVolatility must be positive")
    self.fastPeriod = fastPeriod
    self.slowPeriod = slowPeriod
    self.volatilityPeriod = volatilityPeriod
    self.volumePeriod = volumePeriod
    self.volatilityBaselinePeriod = volatilityBaselinePeriod
    self.trendWeight = trendWeight
    self.vwapWeight = vwapWeight
    self.volatilityDampening = volatilityDampening
    self.volumeAmplification = volumeAmplification
    self.trendScale = trendScale
    self.vwapScale = vwapScale
    self.minimumVolatility = minimumVolatility
    self.threshold = threshold
    self.historyCapacity = historyCapacity
  }

  /// The four components and the combined score for one set of indicator values.
  public func score(
    price: Double, fastEMA: Double, slowEMA: Double, vwap: Double, sessionTicks: Int, volatility: Double,
    volatilityBaseline: Double, volumeRatio: Double
  ) -> PatternScore {
    let sigma = max(volatility, minimumVolatility)
    let trend = Double.tanh((fastEMA - slowEMA) / slowEMA / (trendScale * sigma))
    let sessionSpread = vwapScale * sigma * Double(max(1, sessionTicks)).squareRoot()
    let vwapPosition = Double.tanh((price - vwap) / vwap / sessionSpread)
    let regime = volatilityBaseline > minimumVolatility ? sigma / volatilityBaseline : 1
    let volatilityFactor = 1 / (1 + volatilityDampening * max(0, regime - 1))
    let volumeFactor = 1 + volumeAmplification * Double.tanh(max(0, volumeRatio - 1))
    let combined = (trendWeight * trend + vwapWeight * vwapPosition) * volatilityFactor * volumeFactor
    return PatternScore(
      trend: trend, vwapPosition: vwapPosition, volatilityFactor: volatilityFactor, volumeFactor: volumeFactor,
      value: min(1, max(-1, combined)))
  }
}

/// One evaluation of `PatternScoring`: each component and the combined score.
public struct PatternScore: Sendable, Hashable {
  /// EMA fast/slow component, in (−1, 1).
  public var trend: Double
  /// Price-against-VWAP component, in (−1, 1).
  public var vwapPosition: Double
  /// Volatility-regime multiplier, in (0, 1].
  public var volatilityFactor: Double
  /// Volume-surge multiplier, ≥ 1.
  public var volumeFactor: Double
  /// The combined score, in [−1, 1]; positive is bullish.
  public var value: Double

  public init(trend: Double, vwapPosition: Double, volatilityFactor: Double, volumeFactor: Double, value: Double) {
    self.trend = trend
    self.vwapPosition = vwapPosition
    self.volatilityFactor = volatilityFactor
    self.volumeFactor = volumeFactor
    self.value = value
  }
}
