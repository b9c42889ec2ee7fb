/// Simple moving average: the mean of the last `period` inputs.
///
/// Matches pandas `Series.rolling(period).mean()` (and TA-Lib's `SMA`): NaN until `period`
/// inputs have been seen. The window lives in a `RingBuffer` reserved once; the running sum
/// adds the newest input and subtracts the evicted one, with Neumaier compensation so that
/// the mean stays within ~1e-12 relative of a fresh sum even after millions of updates —
/// an uncompensated running sum drifts by the rounding of every add and subtract.
///
/// The pattern engine's volume average is this type applied to tick volume.
public struct SMA: Sendable {
  /// Number of inputs averaged.
  public let period: Int
  @usableFromInline var window: RingBuffer<Double>
  @usableFromInline var windowSum: CompensatedSum
  @usableFromInline var inputs: Int

  /// A moving average over the last `period` (≥ 1) inputs.
  public init(period: Int) {
    precondition(period >= 1, "SMA: period must be at least 1, got \(period)")
    self.period = period
    window = RingBuffer(capacity: period)
    windowSum = CompensatedSum()
    inputs = 0
  }

  /// The mean of the last `period` inputs; NaN until there are that many.
  @inlinable public var value: Double { isReady ? windowSum.total / Double(period) : .nan }
  /// Number of inputs since creation or the last `reset()`.
  @inlinable public var count: Int { inputs }
  /// Whether the window is full.
  @inlinable public var isReady: Bool { window.isFull }

  /// Adds one input and drops the one that falls out of the window. O(1), no allocation.
  @inlinable public mutating func update(_ input: Double) {
    if let evicted = window.append(input) {
      windowSum.add(-evicted)
    }
    windowSum.add(input)
    inputs &+= 1
  }

  /// Forgets every input.
  public mutating func reset() {
    window.removeAll()
    windowSum = CompensatedSum()
    inputs = 0
  }
}
