/// Drawdowns of an equity curve as backtesting.py measures them (`compute_stats` and
/// `compute_drawdown_duration_peaks` in `_stats.py`).
///
/// The drawdown at a bar is `1 − equity ÷ running peak`. A drawdown period runs from a bar
/// at its peak (drawdown exactly 0) to the next bar at a peak, or to the last bar; periods
/// with no bar strictly between their ends do not count. Each period contributes its length
/// in time and its deepest drawdown.
struct DrawdownStatistics {
  /// The deepest drawdown as a fraction (≥ 0); NaN drawdowns count as 0, as `np.nan_to_num` makes them.
  let maximum: Double
  /// Mean of the periods' deepest drawdowns (NaN ones skipped, as pandas does); NaN when there is none.
  let averagePeak: Double
  /// Longest period, or `nil` when there is none.
  let longestDuration: ElapsedTime?
  /// Mean period length truncated to whole nanoseconds (pandas' `Timedelta` mean), or `nil`.
  let averageDuration: ElapsedTime?

  init(equity: [Double], timestamps: [Timestamp]) {
    var runningPeak = Double.nan
    let drawdowns = equity.enumerated().map { index, value in
      runningPeak = index == 0 ? value : PeerReductions.maximum(runningPeak, value)
      return 1 - value / runningPeak
    }
    let deepest = drawdowns.dropFirst().reduce(drawdowns[0], PeerReductions.maximum)
    maximum = deepest.isNaN ? 0 : deepest

    // Bars at a peak, and the last bar, bound the periods (`iloc` in the peer).
    var boundaries = drawdowns.indices.filter { drawdowns[$0] == 0 }
    if boundaries.last != drawdowns.count - 1 { boundaries.append(drawdowns.count - 1) }
    var durations: [Int64] = []
    var peaks: [Double] = []
    for (previous, current) in zip(boundaries, boundaries.dropFirst()) where current > previous + 1 {
      durations.append(timestamps[current].nanosecondsSinceEpoch - timestamps[previous].nanosecondsSinceEpoch)
      peaks.append(drawdowns[previous...current].filter { !$0.isNaN }.max() ?? .nan)
    }

    guard !durations.isEmpty else {
      // With no period the peer falls back to the non-zero drawdowns themselves (at most the
      // last bar's): their mean is the average drawdown, and it reports that fraction where a
      // duration belongs; a duration is not defined here, so this reports none.
      let nonZero = drawdowns.filter { $0 != 0 && !$0.isNaN }
      averagePeak = PeerReductions.mean(nonZero)
      longestDuration = nil
      averageDuration = nil
      return
    }
    averagePeak = PeerReductions.mean(peaks.filter { !$0.isNaN })
    longestDuration = ElapsedTime(nanoseconds: durations.max()!)
    let total = durations.reduce(Int128(0)) { $0 + Int128($1) }
    averageDuration = ElapsedTime(nanoseconds: Int64(total / Int128(durations.count)))
  }
}
