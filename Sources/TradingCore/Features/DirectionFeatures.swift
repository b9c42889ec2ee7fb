import RealModule

/// The inputs of the next-period direction model (`models/direction.onnx`), computed bar by bar
/// from closes exactly as `scripts/train_direction_model.py` computes them for training.
///
/// With closes c₀…cₜ of one series: `r1`, `r5`, `r20` are the log returns ln(cₜ / cₜ₋ₖ);
/// `vol20` is the sample standard deviation (ddof 1) of the last 20 one-bar log returns;
/// `ema10_gap` is cₜ / EMA10ₜ − 1 and `ema10_30_gap` EMA10ₜ / EMA30ₜ − 1, the EMAs recursive
/// with α = 2 / (n + 1) and seeded with the series' first close (pandas `adjust=False`).
/// Features exist from the 21st close on (t ≥ 20). O(1) per close.
public struct DirectionFeatures: Sendable {
  /// The features' names, in the order of the model's input columns.
  public static let names = ["r1", "r5", "r20", "vol20", "ema10_gap", "ema10_30_gap"]
  /// The number of closes before the first feature row.
  public static let warmUp = 21

  var closes = RingBuffer<Double>(capacity: 21)
  var fast = EMA(period: 10, seed: .firstValue)
  var slow = EMA(period: 30, seed: .firstValue)
  var volatility = RollingVolatility(period: 20)

  public init() {}

  /// Adds the next close (positive and finite); returns the feature row once 21 closes are in.
  public mutating func update(close: Double) -> [Double]? {
    closes.append(close)
    fast.update(close)
    slow.update(close)
    volatility.update(price: close)
    return current
  }

  /// The feature row for the latest close, or nil during the warm-up.
  public var current: [Double]? {
    guard closes.isFull else { return nil }
    let last = closes[20]
    return [
      Double.log(last / closes[19]),
      Double.log(last / closes[15]),
      Double.log(last / closes[0]),
      volatility.value,
      last / fast.value - 1,
      fast.value / slow.value - 1,
    ]
  }
}

extension DirectionFeatures {
  /// The keys under which a signal's `meta` carries the features (`feature.r1`, …), so that a
  /// strategy engine in another process gets them with the signal.
  public static let metaKeys = names.map { "feature.\($0)" }

  /// The feature row a signal carries in its meta, or nil when any feature is missing.
  public static func row(fromMeta meta: [String: Double]) -> [Double]? {
    var row: [Double] = []
    row.reserveCapacity(metaKeys.count)
    for key in metaKeys {
      guard let value = meta[key], value.isFinite else { return nil }
      row.append(value)
    }
    return row
  }
}

/// Direction features per symbol over time bars of quote mid prices: the live system's view of
/// "the price history" that the direction model reads.
///
/// Each symbol's ticks are gathered into bars of `intervalSeconds`; each completed bar's close
/// updates that symbol's `DirectionFeatures`. The features describe the last completed bar.
public struct DirectionFeatureBars: Sendable {
  public let intervalSeconds: Int
  var symbols: [String: (bars: TimeBarAggregator, features: DirectionFeatures)] = [:]

  public init(intervalSeconds: Int) {
    self.intervalSeconds = intervalSeconds
  }

  /// Adds one tick at its mid price; returns the symbol's new feature row when the tick closed
  /// a bar (and the features are warm).
  @discardableResult
  public mutating func update(_ tick: Tick) -> [Double]? {
    let mid = Fixed((tick.bid.doubleValue + tick.ask.doubleValue) * 0.5)
    let fresh = (bars: TimeBarAggregator(intervalSeconds: intervalSeconds), features: DirectionFeatures())
    return Self.add(mid: mid, of: tick, to: &symbols[tick.symbol, default: fresh])
  }

  /// Updates one symbol's state in place (its ring of closes is not copied).
  private static func add(
    mid: Price, of tick: Tick, to state: inout (bars: TimeBarAggregator, features: DirectionFeatures)
  ) -> [Double]? {
    guard let bar = state.bars.update(price: mid, volume: tick.volume, at: tick.timestamp) else { return nil }
    return state.features.update(close: bar.close.doubleValue)
  }

  /// The latest feature row of `symbol`, or nil while it warms up.
  public func features(of symbol: String) -> [Double]? { symbols[symbol]?.features.current }
}
