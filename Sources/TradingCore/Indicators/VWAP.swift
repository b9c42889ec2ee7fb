/// Volume-weighted average price since the start of the session: Σ price·volume ÷ Σ volume.
///
/// Like NautilusTrader's `VolumeWeightedAveragePrice`, the value is the last price while no
/// volume has traded yet (so a quote-only feed still has a meaningful reference), and
/// `reset()` starts a new session. Both sums are compensated, so a session of millions of
/// ticks keeps full precision. Volumes are expected non-negative (`TickValidator` ensures it).
public struct VWAP: Sendable {
  @usableFromInline var priceVolume: CompensatedSum
  @usableFromInline var cumulativeVolume: CompensatedSum
  @usableFromInline var lastPrice: Double
  @usableFromInline var inputs: Int

  /// An empty session.
  public init() {
    priceVolume = CompensatedSum()
    cumulativeVolume = CompensatedSum()
    lastPrice = .nan
    inputs = 0
  }

  /// The session's VWAP; the last price while the session has no volume; NaN before any input.
  @inlinable public var value: Double {
    let volume = cumulativeVolume.total
    return volume > 0 ? priceVolume.total / volume : lastPrice
  }
  /// Total volume traded in the session.
  @inlinable public var volume: Double { cumulativeVolume.total }
  /// Number of inputs in the session.
  @inlinable public var count: Int { inputs }
  /// Whether the session has at least one input.
  @inlinable public var isReady: Bool { inputs > 0 }

  /// Adds one trade (or quote) of `volume` at `price`. O(1), no allocation.
  @inlinable public mutating func update(price: Double, volume: Double) {
    priceVolume.add(price * volume)
    cumulativeVolume.add(volume)
    lastPrice = price
    inputs &+= 1
  }

  /// Starts a new session.
  public mutating func reset() {
    self = VWAP()
  }
}
