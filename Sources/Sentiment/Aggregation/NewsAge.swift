import TradingCore

/// How old a news item is, in whole nanoseconds, without overflow: the authenticity scorer and
/// the aggregator both need it, and both must agree to the nanosecond so that an item exactly
/// one half-life old weighs exactly half.
enum NewsAge {
  /// `now − publishedAt`; negative for an item dated in the future. Saturates at the `Int64`
  /// bounds instead of trapping, so a garbage timestamp from a provider is merely very old or
  /// very far in the future.
  static func nanoseconds(of publishedAt: Timestamp, at now: Timestamp) -> Int64 {
    let (age, overflow) = now.nanosecondsSinceEpoch.subtractingReportingOverflow(publishedAt.nanosecondsSinceEpoch)
    guard overflow else { return age }
    return now.nanosecondsSinceEpoch < publishedAt.nanosecondsSinceEpoch ? .min : .max
  }

  /// A duration in whole nanoseconds (sub-nanosecond parts dropped), saturating at the `Int64`
  /// bounds.
  static func nanoseconds(of duration: Duration) -> Int64 {
    let (seconds, attoseconds) = duration.components
    let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
    guard !overflow else { return seconds < 0 ? .min : .max }
    let (total, overflowAdding) = whole.addingReportingOverflow(attoseconds / 1_000_000_000)
    guard !overflowAdding else { return seconds < 0 ? .min : .max }
    return total
  }
}
