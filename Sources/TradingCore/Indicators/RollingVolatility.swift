import RealModule

/// Rolling volatility: the sample standard deviation (ddof = 1) of the last `period` log
/// returns ln(pₜ / pₜ₋₁), per update interval (not annualised).
///
/// Matches pandas `np.log(p / p.shift(1)).rolling(period).std()`: NaN until `period` returns,
/// that is `period + 1` prices, have been seen. The window's mean and sum of squared
/// deviations are kept with Welford's update, extended to sliding windows (add the new return
/// and remove the evicted one in one step), which avoids the cancellation of the
/// Σx² − (Σx)²/n formula — fatal here, because returns are tiny next to their squares' sum.
/// Every `resyncInterval` updates the window is re-summed exactly, so rounding in the sliding
/// update cannot accumulate without bound over an endless stream (amortised O(1)).
///
/// Prices must be positive (`TickValidator` rejects the others); a non-positive price makes
/// the returns NaN.
public struct RollingVolatility: Sendable {
  /// Number of returns in the window (≥ 2, as the sample standard deviation needs).
  public let period: Int
  @usableFromInline var returns: RingBuffer<Double>
  @usableFromInline var mean: Double
  @usableFromInline var sumOfSquaredDeviations: Double
  @usableFromInline var previousPrice: Double
  @usableFromInline var prices: Int
  @usableFromInline var updatesSinceResync: Int

  /// Sliding updates between two exact re-summations of the window.
  @usableFromInline static let resyncInterval = 1024

  /// Volatility over the last `period` (≥ 2) log returns.
  public init(period: Int) {
    precondition(period >= 2, "RollingVolatility: period must be at least 2, got \(period)")
    self.period = period
    returns = RingBuffer(capacity: period)
    mean = 0
    sumOfSquaredDeviations = 0
    previousPrice = .nan
    prices = 0
    updatesSinceResync = 0
  }

  /// The standard deviation of the last `period` log returns; NaN until there are that many.
  @inlinable public var value: Double {
    guard isReady else { return .nan }
    return (max(0, sumOfSquaredDeviations) / Double(period - 1)).squareRoot()
  }
  /// Number of prices since creation or the last `reset()`.
  @inlinable public var count: Int { prices }
  /// Whether `period` returns have been seen.
  @inlinable public var isReady: Bool { returns.isFull }

  /// Adds one price. O(1) amortised, no allocation.
  @inlinable public mutating func update(price: Double) {
    prices &+= 1
    defer { previousPrice = price }
    guard prices > 1 else { return }
    let logReturn = Double.log(price / previousPrice)
    guard let evicted = returns.append(logReturn) else {
      let delta = logReturn - mean
      mean += delta / Double(returns.count)
      sumOfSquaredDeviations += delta * (logReturn - mean)
      return
    }
    let previousMean = mean
    let change = logReturn - evicted
    mean += change / Double(period)
    sumOfSquaredDeviations += change * ((logReturn - mean) + (evicted - previousMean))
    updatesSinceResync &+= 1
    if updatesSinceResync == RollingVolatility.resyncInterval {
      resummarise()
    }
  }

  /// Recomputes mean and squared deviations from the window with the two-pass formula.
  @usableFromInline mutating func resummarise() {
    var sum = CompensatedSum()
    for logReturn in returns { sum.add(logReturn) }
    mean = sum.total / Double(returns.count)
    var squares = CompensatedSum()
    for logReturn in returns { squares.add((logReturn - mean) * (logReturn - mean)) }
    sumOfSquaredDeviations = squares.total
    updatesSinceResync = 0
  }

  /// Forgets every price.
  public mutating func reset() {
    returns.removeAll()
    mean = 0
    sumOfSquaredDeviations = 0
    previousPrice = .nan
    prices = 0
    updatesSinceResync = 0
  }
}
