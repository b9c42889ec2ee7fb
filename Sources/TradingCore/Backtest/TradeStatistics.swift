import RealModule

/// The figures backtesting.py's `compute_stats` takes from the closed trades alone.
///
/// With no trades every ratio is NaN, as the peer's empty pandas reductions give.
struct TradeStatistics {
  let count: Int
  /// Share of bars from some trade's entry bar to its exit bar inclusive, in percent ("n bars"
  /// time, not calendar time).
  let exposurePct: Double
  /// Sum of commissions, added in trade order as Python's `sum` adds them.
  let commissions: Double
  let winRatePct: Double
  let bestTradePct: Double
  let worstTradePct: Double
  /// Geometric mean of the trade returns.
  let averageTradePct: Double
  let longestDuration: ElapsedTime?
  /// Mean trade duration truncated to whole nanoseconds, as pandas averages `Timedelta`s.
  let averageDuration: ElapsedTime?
  /// Sum of winning returns over the magnitude of the sum of losing returns (NaN with no loser).
  let profitFactor: Double
  /// Arithmetic mean of the trade returns.
  let expectancyPct: Double
  /// Van Tharp's System Quality Number: √n × mean P&L ÷ standard deviation of P&L.
  let sqn: Double
  /// win rate − (1 − win rate) ÷ (mean win ÷ mean loss), on P&L.
  let kellyCriterion: Double

  init(trades: [TradeRecord], timestamps: [Timestamp]) {
    count = trades.count
    var inMarket = [Bool](repeating: false, count: timestamps.count)
    for trade in trades where trade.entryBar <= trade.exitBar {
      for bar in trade.entryBar...trade.exitBar { inMarket[bar] = true }
    }
    exposurePct = Double(inMarket.count { $0 }) / Double(timestamps.count) * 100
    commissions = trades.reduce(0) { $0 + $1.commission }

    let pnl = trades.map(\.pnl)
    let returns = trades.map(\.returnFraction)
    let winRate = trades.isEmpty ? Double.nan : Double(pnl.count { $0 > 0 }) / Double(trades.count)
    winRatePct = winRate * 100
    bestTradePct = (returns.filter { !$0.isNaN }.max() ?? .nan) * 100
    worstTradePct = (returns.filter { !$0.isNaN }.min() ?? .nan) * 100
    averageTradePct = PeerReductions.geometricMean(returns) * 100

    let durations = trades.map {
      timestamps[$0.exitBar].nanosecondsSinceEpoch - timestamps[$0.entryBar].nanosecondsSinceEpoch
    }
    longestDuration = durations.max().map(ElapsedTime.init(nanoseconds:))
    averageDuration =
      durations.isEmpty
      ? nil
      : ElapsedTime(nanoseconds: Int64(durations.reduce(Int128(0)) { $0 + Int128($1) } / Int128(durations.count)))

    let losses = PeerReductions.pandasSum(returns.filter { $0 < 0 }).magnitude
    profitFactor = PeerReductions.pandasSum(returns.filter { $0 > 0 }) / (losses == 0 ? .nan : losses)
    expectancyPct = PeerReductions.mean(returns) * 100
    let pnlDeviation = PeerReductions.sampleStandardDeviation(pnl)
    sqn = Double(trades.count).squareRoot() * PeerReductions.mean(pnl) / (pnlDeviation == 0 ? .nan : pnlDeviation)
    let winLossRatio = PeerReductions.mean(pnl.filter { $0 > 0 }) / -PeerReductions.mean(pnl.filter { $0 < 0 })
    kellyCriterion = winRate - (1 - winRate) / winLossRatio
  }
}
