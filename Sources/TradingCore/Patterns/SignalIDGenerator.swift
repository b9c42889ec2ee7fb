/// Makes signal ids: ULIDs whose time part is the tick's time and which never go backwards.
///
/// `TimeSortableID(timestamp:using:)` orders ids by millisecond only; two signals in the same
/// millisecond (or a tick a little older than the previous one) would get ids in random
/// order, and an API cursor ("signals after id X") could then skip one. As the ULID spec's
/// monotonic generation does, an id that would not be greater than the previous one is the
/// previous one plus 1 instead. Seeded, so a backtest gives the same ids every run.
public struct SignalIDGenerator: Sendable {
  private var random: SplitMix64
  /// The last id made; every later id is greater.
  public private(set) var lastID: TimeSortableID?

  /// A generator whose random parts come from `SplitMix64(seed: seed)`.
  public init(seed: UInt64) {
    random = SplitMix64(seed: seed)
    lastID = nil
  }

  /// A new id for a signal at `timestamp`, greater than every id made before.
  public mutating func next(at timestamp: Timestamp) -> TimeSortableID {
    var id = TimeSortableID(timestamp: timestamp, using: &random)
    if let last = lastID, id <= last {
      let (low, carry) = last.low.addingReportingOverflow(1)
      id = TimeSortableID(high: last.high &+ (carry ? 1 : 0), low: low)
    }
    lastID = id
    return id
  }
}
