/// The spacing of the bars and what backtesting.py derives from it: how many periods make a
/// year, at which calendar period equity returns are taken, and to what unit durations round.
struct DataPeriod {
  /// The calendar periods backtesting.py resamples equity to before taking returns.
  enum SamplingFrequency {
    /// pandas `'D'`: one UTC calendar day.
    case day
    /// pandas `'W'` (weeks ending Sunday): Monday through Sunday.
    case week
    /// pandas `'ME'`: one calendar month.
    case month
    /// pandas `'YE'`: one calendar year.
    case year
  }

  /// The median gap between the last 100 timestamps (`_data_period`); `nil` for a single bar.
  let spacing: ElapsedTime?
  /// Periods a year for annualising: 52, 12 or 1 for weekly, monthly or yearly bars;
  /// otherwise 365 when weekend bars are more than 60 % of their calendar share, else 252.
  let annualTradingDays: Int
  let samplingFrequency: SamplingFrequency
  /// The unit that pandas' `Timedelta.resolution_string` names for `spacing`, in nanoseconds:
  /// the largest of day, hour, minute, second, millisecond, microsecond and nanosecond that
  /// divides it. Durations in the statistics are rounded up to it (`_round_timedelta`).
  let resolution: Int64

  init(timestamps: [Timestamp]) {
    spacing = DataPeriod.medianGap(timestamps.suffix(100))
    let wholeDays = spacing?.wholeDays
    switch wholeDays {
    case 7: (annualTradingDays, samplingFrequency) = (52, .week)
    case 31: (annualTradingDays, samplingFrequency) = (12, .month)
    case 365: (annualTradingDays, samplingFrequency) = (1, .year)
    default:
      let weekendBars = timestamps.count { DataPeriod.weekday($0) >= 5 }
      let haveWeekends = Double(weekendBars) / Double(timestamps.count) > 2.0 / 7.0 * 0.6
      (annualTradingDays, samplingFrequency) = (haveWeekends ? 365 : 252, .day)
    }
    resolution = DataPeriod.resolution(of: spacing?.nanoseconds ?? 0)
  }

  /// pandas' `Series.median()` of the gaps; with an even count, the mean of the middle two
  /// truncated to whole nanoseconds, as pandas converts its float median back to a `Timedelta`.
  private static func medianGap(_ timestamps: ArraySlice<Timestamp>) -> ElapsedTime? {
    let gaps = zip(timestamps.dropFirst(), timestamps).map { $0.nanosecondsSinceEpoch - $1.nanosecondsSinceEpoch }
      .sorted()
    guard !gaps.isEmpty else { return nil }
    let middle = gaps.count / 2
    let median = gaps.count % 2 == 1 ? gaps[middle] : (gaps[middle - 1] + gaps[middle]) / 2
    return ElapsedTime(nanoseconds: median)
  }

  private static func resolution(of nanoseconds: Int64) -> Int64 {
    let units: [Int64] = [
      Timestamp.nanosecondsPerDay, 3_600_000_000_000, 60_000_000_000, 1_000_000_000, 1_000_000, 1_000,
    ]
    return units.first { nanoseconds % $0 == 0 } ?? 1
  }

  /// Monday = 0 … Sunday = 6 (pandas' `dayofweek`).
  static func weekday(_ timestamp: Timestamp) -> Int64 {
    // 1970-01-01 was a Thursday (3).
    ((timestamp.daysSinceEpoch % 7) + 7 + 3) % 7
  }

  /// The calendar period a timestamp falls in, as a number that grows with time.
  func samplingPeriod(of timestamp: Timestamp) -> Int64 {
    switch samplingFrequency {
    case .day:
      return timestamp.daysSinceEpoch
    case .week:
      // 1970-01-05 (day 4) was a Monday; weeks run Monday through Sunday.
      let days = timestamp.daysSinceEpoch - 4
      return days >= 0 ? days / 7 : (days - 6) / 7
    case .month:
      let civil = timestamp.civil
      return Int64(civil.year) * 12 + Int64(civil.month - 1)
    case .year:
      return Int64(timestamp.civil.year)
    }
  }

  /// Simple returns between the last equity of consecutive sampled periods that hold bars:
  /// `equity.resample(freq).last().dropna().pct_change().dropna()`.
  func periodReturns(timestamps: [Timestamp], equity: [Double]) -> [Double] {
    var periodEnds: [Double] = []
    var currentPeriod: Int64?
    for (timestamp, value) in zip(timestamps, equity) where !value.isNaN {
      let period = samplingPeriod(of: timestamp)
      if period == currentPeriod {
        periodEnds[periodEnds.count - 1] = value
      } else {
        periodEnds.append(value)
        currentPeriod = period
      }
    }
    return zip(periodEnds.dropFirst(), periodEnds).map { $0 / $1 - 1 }.filter { !$0.isNaN }
  }
}
