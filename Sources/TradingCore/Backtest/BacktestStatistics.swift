import RealModule

/// The summary of a backtest that backtesting.py 0.6.6 prints (`compute_stats` in `_stats.py`),
/// computed by the same formulas so that the two agree figure for figure.
///
/// Percentages are in percent (`returnPct == 462.6` for +462.6 %); NaN stands where the peer
/// gives NaN (no trades, no losing trade, a single trade's spread, …). Returns are annualised
/// from per-period equity returns: daily for intraday and daily bars, weekly, monthly or yearly
/// for bars that far apart (see `DataPeriod`), compounded over 252 periods a year (365 when
/// weekends hold bars), with a risk-free rate of 0 as `Backtest.run` uses.
public struct BacktestStatistics: Sendable {
  public var start: Timestamp
  public var end: Timestamp
  public var duration: ElapsedTime
  /// Share of bars spent in a closed trade, entry and exit bars included.
  public var exposurePct: Double
  public var equityFinal: Double
  public var equityPeak: Double
  /// Commissions of the closed trades.
  public var commissions: Double
  public var returnPct: Double
  /// Close-to-close return from the first trading bar (after indicator warm-up) to the last bar.
  public var buyAndHoldReturnPct: Double
  /// (1 + geometric mean period return)^periods a year − 1.
  public var annualizedReturnPct: Double
  /// √((σ² + (1 + g)²)^N − (1 + g)^2N) for period returns of sample variance σ² and geometric
  /// mean g over N periods a year: the volatility of the compounded annual return.
  public var annualizedVolatilityPct: Double
  /// Compound annual growth over the calendar span, with 365.25-day years.
  public var cagrPct: Double
  /// Annualised return ÷ annualised volatility.
  public var sharpe: Double
  /// Annualised return ÷ (root mean square of the negative period returns × √periods a year).
  public var sortino: Double
  /// Annualised return ÷ maximum drawdown.
  public var calmar: Double
  /// Jensen's alpha: return − β × buy-and-hold return.
  public var alphaPct: Double
  /// Covariance of the equity's and the closes' bar-to-bar log returns ÷ variance of the closes'.
  public var beta: Double
  /// The deepest fall from a running equity peak, as a negative percentage.
  public var maxDrawdownPct: Double
  /// Mean of each drawdown period's deepest fall, as a negative percentage.
  public var averageDrawdownPct: Double
  public var maxDrawdownDuration: ElapsedTime?
  public var averageDrawdownDuration: ElapsedTime?
  /// Number of closed trades; a trade still open at the end is not counted.
  public var trades: Int
  /// Share of closed trades with a positive P&L.
  public var winRatePct: Double
  public var bestTradePct: Double
  public var worstTradePct: Double
  /// Geometric mean of the trades' returns.
  public var averageTradePct: Double
  public var maxTradeDuration: ElapsedTime?
  public var averageTradeDuration: ElapsedTime?
  /// Sum of winning trades' returns ÷ magnitude of the sum of losing trades' returns.
  public var profitFactor: Double
  /// Arithmetic mean of the trades' returns.
  public var expectancyPct: Double
  /// System Quality Number: √trades × mean P&L ÷ standard deviation of P&L.
  public var sqn: Double
  /// Kelly fraction from the win rate and the ratio of mean win to mean loss.
  public var kellyCriterion: Double

  /// Computes the statistics of one backtest.
  ///
  /// - Parameters:
  ///   - timestamps: Every bar's timestamp, strictly increasing.
  ///   - equity: Account equity at each bar's close, one per bar. Before the first trading bar
  ///     backtesting.py back-fills it with the starting cash; pass the series as the engine has it.
  ///   - closes: Every bar's close, for buy-and-hold and beta.
  ///   - trades: The closed trades, in the order they closed.
  ///   - firstTradingBar: The first bar at which every indicator has a value
  ///     (`_indicator_warmup_nbars`); buy-and-hold starts there.
  ///
  /// Durations are rounded up to the bars' resolution (whole days for daily bars, hours for
  /// hourly ones), as backtesting.py's `_round_timedelta` does.
  public init(
    timestamps: [Timestamp], equity: [Double], closes: [Double], trades: [TradeRecord], firstTradingBar: Int
  ) {
    precondition(!timestamps.isEmpty, "statistics need at least one bar")
    precondition(equity.count == timestamps.count && closes.count == timestamps.count, "one value per bar")
    precondition(timestamps.indices.contains(firstTradingBar), "first trading bar out of range")
    precondition(
      trades.allSatisfy { timestamps.indices.contains($0.entryBar) && timestamps.indices.contains($0.exitBar) },
      "trade bar index out of range")
    let period = DataPeriod(timestamps: timestamps)
    let roundedUp = { (time: ElapsedTime?) in time?.rounded(upToMultipleOf: period.resolution) }

    start = timestamps[0]
    end = timestamps[timestamps.count - 1]
    duration = ElapsedTime(from: start, to: end)
    equityFinal = equity[equity.count - 1]
    equityPeak = equity.dropFirst().reduce(equity[0], PeerReductions.maximum)
    returnPct = (equityFinal - equity[0]) / equity[0] * 100
    let firstClose = closes[firstTradingBar]
    buyAndHoldReturnPct = (closes[closes.count - 1] - firstClose) / firstClose * 100

    let returns = ReturnStatistics(
      periodReturns: period.periodReturns(timestamps: timestamps, equity: equity),
      annualTradingDays: period.annualTradingDays)
    annualizedReturnPct = returns.annualizedReturn * 100
    annualizedVolatilityPct = returns.annualizedVolatility * 100
    cagrPct = ReturnStatistics.compoundAnnualGrowth(from: equity[0], to: equityFinal, over: duration) * 100
    sharpe = annualizedReturnPct / (annualizedVolatilityPct == 0 ? .nan : annualizedVolatilityPct)
    sortino = returns.sortino

    let drawdowns = DrawdownStatistics(equity: equity, timestamps: timestamps)
    calmar = returns.annualizedReturn / (drawdowns.maximum == 0 ? .nan : drawdowns.maximum)
    beta = ReturnStatistics.beta(equity: equity, closes: closes)
    alphaPct = returnPct - beta * buyAndHoldReturnPct
    maxDrawdownPct = -drawdowns.maximum * 100
    averageDrawdownPct = -drawdowns.averagePeak * 100
    maxDrawdownDuration = roundedUp(drawdowns.longestDuration)
    averageDrawdownDuration = roundedUp(drawdowns.averageDuration)

    let tradeFigures = TradeStatistics(trades: trades, timestamps: timestamps)
    exposurePct = tradeFigures.exposurePct
    commissions = tradeFigures.commissions
    self.trades = tradeFigures.count
    winRatePct = tradeFigures.winRatePct
    bestTradePct = tradeFigures.bestTradePct
    worstTradePct = tradeFigures.worstTradePct
    averageTradePct = tradeFigures.averageTradePct
    maxTradeDuration = roundedUp(tradeFigures.longestDuration)
    averageTradeDuration = roundedUp(tradeFigures.averageDuration)
    profitFactor = tradeFigures.profitFactor
    expectancyPct = tradeFigures.expectancyPct
    sqn = tradeFigures.sqn
    kellyCriterion = tradeFigures.kellyCriterion
  }
}
