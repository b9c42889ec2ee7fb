import RealModule

/// Risk and return figures from per-period equity returns, with backtesting.py's formulas.
///
/// The peer compounds: with g the geometric mean period return and N periods a year, the
/// annual return is (1 + g)^N − 1 and its volatility √((σ² + (1 + g)²)^N − (1 + g)^2N),
/// σ² being the sample variance (ddof = 1) of the period returns.
struct ReturnStatistics {
  /// As a fraction; NaN with no period return.
  let annualizedReturn: Double
  /// As a fraction; NaN with fewer than two period returns.
  let annualizedVolatility: Double
  /// Annual return ÷ annualised downside deviation (root mean square of the returns clipped
  /// at 0, times √N); infinite when no period lost.
  let sortino: Double

  init(periodReturns: [Double], annualTradingDays: Int) {
    let growth = 1 + PeerReductions.geometricMean(periodReturns)
    let variance = PeerReductions.sampleVariance(periodReturns)
    annualizedReturn = Double.pow(growth, annualTradingDays) - 1
    annualizedVolatility =
      (Double.pow(variance + Double.pow(growth, 2), annualTradingDays) - Double.pow(growth, 2 * annualTradingDays))
      .squareRoot()
    let downside = PeerReductions.mean(periodReturns.map { $0 < 0 ? $0 * $0 : ($0.isNaN ? $0 : 0) }).squareRoot()
    sortino = annualizedReturn / (downside * Double(annualTradingDays).squareRoot())
  }

  /// (final ÷ initial)^(1 / years) − 1, years being the span's days and seconds over 365.25
  /// (sub-second parts ignored, as `Timedelta.days` and `.seconds` leave them); NaN for a zero span.
  static func compoundAnnualGrowth(from initial: Double, to final: Double, over span: ElapsedTime) -> Double {
    let days = span.wholeDays
    let seconds = (span.nanoseconds - days * Timestamp.nanosecondsPerDay) / Timestamp.nanosecondsPerSecond
    let years = (Double(days) + Double(seconds) / 86_400) / 365.25
    guard years != 0 else { return .nan }
    return Double.pow(final / initial, 1 / years) - 1
  }

  /// Covariance of the equity's bar-to-bar log returns with the closes' over the closes'
  /// variance (`np.cov`); NaN with fewer than three bars.
  static func beta(equity: [Double], closes: [Double]) -> Double {
    guard equity.count > 2 else { return .nan }
    let equityReturns = zip(equity.dropFirst(), equity).map { Double.log($0 / $1) }
    let marketReturns = zip(closes.dropFirst(), closes).map { Double.log($0 / $1) }
    let equityMean = plainMean(equityReturns)
    let marketMean = plainMean(marketReturns)
    let covariance = PeerReductions.numpySum(
      zip(equityReturns, marketReturns).map { ($0 - equityMean) * ($1 - marketMean) })
    let marketVariance = PeerReductions.numpySum(marketReturns.map { ($0 - marketMean) * ($0 - marketMean) })
    let normalizer = 1 / Double(equityReturns.count - 1)
    return (covariance * normalizer) / (marketVariance * normalizer)
  }

  /// numpy's `mean`, which (unlike pandas') lets a NaN propagate.
  private static func plainMean(_ values: [Double]) -> Double {
    PeerReductions.numpySum(values) / Double(values.count)
  }
}
