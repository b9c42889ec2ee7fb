/// An alpha model's view of one symbol at one moment: a score in [-1, 1], positive for up.
///
/// The counterpart of LEAN's `Insight` (QuantConnect/Lean, `Common/Algorithm/Framework/Alphas/Insight.cs`),
/// reduced to what the decision pipeline uses: no period or magnitude, because targets here are
/// rebuilt on every signal rather than held until an insight expires.
public struct Insight: Sendable, Hashable {
  public var symbol: String
  /// Strength and direction in [-1, 1]; NaN reads as 0 (no view).
  public var score: Double
  /// The alpha model that produced it, e.g. `"technical"` or `"combined"`.
  public var source: String
  public var timestamp: Timestamp
  /// The signal this view answers; the order decided from it takes its id from this.
  public var signalID: TimeSortableID
  /// The figures behind the score, by name (for a combined insight, each factor's contribution).
  public var meta: [String: Double]

  public init(
    symbol: String, score: Double, source: String, timestamp: Timestamp, signalID: TimeSortableID,
    meta: [String: Double] = [:]
  ) {
    self.symbol = symbol
    self.score = min(1, max(-1, score.isNaN ? 0 : score))
    self.source = source
    self.timestamp = timestamp
    self.signalID = signalID
    self.meta = meta
  }
}
