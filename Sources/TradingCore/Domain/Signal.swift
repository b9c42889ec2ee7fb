/// A scored opinion about one symbol at one moment, as the pattern engine publishes it on
/// `signals:global`: the score is in [-1, 1], positive for up, negative for down.
public struct Signal: Sendable, Hashable, Codable {
  public var id: TimeSortableID
  public var symbol: String
  /// Strength and direction in [-1, 1].
  public var score: Double
  public var timestamp: Timestamp
  /// What produced it, e.g. `"pattern_engine"`.
  public var source: String
  /// The figures behind the score (indicator values, component scores), by name.
  public var meta: [String: Double]

  public init(
    id: TimeSortableID, symbol: String, score: Double, timestamp: Timestamp, source: String,
    meta: [String: Double] = [:]
  ) {
    self.id = id
    self.symbol = symbol
    self.score = min(1, max(-1, score.isNaN ? 0 : score))
    self.timestamp = timestamp
    self.source = source
    self.meta = meta
  }
}
