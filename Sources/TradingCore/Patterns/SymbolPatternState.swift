/// One symbol's indicators and recent signals: the pattern engine's per-symbol state.
///
/// Each tick's mid price feeds a fast and a slow EMA, the session VWAP and the rolling
/// volatility of log returns; the tick's volume feeds the volume average, which is an `SMA`
/// over `volumePeriod` volumes. `PatternScoring` combines them into a score; a score beyond
/// the threshold becomes a `Signal`, also kept in a ring of the last `historyCapacity`.
///
/// The VWAP is a session measure, and the session here is the UTC day: it restarts at the
/// first tick of a new day, as NautilusTrader's `VolumeWeightedAveragePrice` does.
public struct SymbolPatternState: Sendable {
  /// Name of the producer, in `Signal.source`.
  public static let source = "pattern_engine"

  public let symbol: String
  public let scoring: PatternScoring
  public private(set) var fastEMA: EMA
  public private(set) var slowEMA: EMA
  public private(set) var vwap: VWAP
  public private(set) var volatility: RollingVolatility
  /// EMA of `volatility`: the normal level that the volatility regime is judged against.
  public private(set) var volatilityBaseline: EMA
  /// Average tick volume over the last `scoring.volumePeriod` ticks.
  public private(set) var volumeSMA: SMA
  /// The last `scoring.historyCapacity` signals, oldest first.
  public private(set) var recentSignals: RingBuffer<Signal>
  /// The score of the last tick at which every indicator was ready.
  public private(set) var lastScore: PatternScore?
  /// UTC day of the current VWAP session.
  private var sessionDay: Int64?

  /// Empty state for `symbol`.
  public init(symbol: String, scoring: PatternScoring = PatternScoring()) {
    self.symbol = symbol
    self.scoring = scoring
    fastEMA = EMA(period: scoring.fastPeriod)
    slowEMA = EMA(period: scoring.slowPeriod)
    vwap = VWAP()
    volatility = RollingVolatility(period: scoring.volatilityPeriod)
    volatilityBaseline = EMA(period: scoring.volatilityBaselinePeriod)
    volumeSMA = SMA(period: scoring.volumePeriod)
    recentSignals = RingBuffer(capacity: scoring.historyCapacity)
    lastScore = nil
    sessionDay = nil
  }

  /// Updates every indicator with `tick` and returns a signal when |score| > threshold.
  ///
  /// Returns `nil` while the indicators warm up: the slow EMA needs `slowPeriod` ticks, the
  /// volatility `volatilityPeriod + 1`, the volume ratio `volumePeriod + 1`.
  public mutating func update(_ tick: Tick, ids: inout SignalIDGenerator) -> Signal? {
    let price = tick.midPrice
    let volume = tick.volume.doubleValue
    let averageVolume = volumeSMA.value
    let volumeRatio = averageVolume > 0 ? volume / averageVolume : 1
    let volumeWasReady = volumeSMA.isReady

    let day = tick.timestamp.daysSinceEpoch
    if day != sessionDay {
      vwap.reset()
      sessionDay = day
    }
    fastEMA.update(price)
    slowEMA.update(price)
    vwap.update(price: price, volume: volume)
    volumeSMA.update(volume)
    volatility.update(price: price)
    guard volatility.isReady else { return nil }
    volatilityBaseline.update(volatility.value)
    guard volumeWasReady, slowEMA.isReady else { return nil }

    let score = scoring.score(
      price: price, fastEMA: fastEMA.value, slowEMA: slowEMA.value, vwap: vwap.value, sessionTicks: vwap.count,
      volatility: volatility.value, volatilityBaseline: volatilityBaseline.value, volumeRatio: volumeRatio)
    lastScore = score
    guard abs(score.value) > scoring.threshold else { return nil }

    let signal = Signal(
      id: ids.next(at: tick.timestamp), symbol: symbol, score: score.value, timestamp: tick.timestamp,
      source: SymbolPatternState.source,
      meta: meta(price: price, volumeRatio: volumeRatio, score: score))
    recentSignals.append(signal)
    return signal
  }

  /// The figures behind a signal, under the names the event bus and the API publish.
  func meta(price: Double, volumeRatio: Double, score: PatternScore) -> [String: Double] {
    [
      "price": price,
      "ema_fast": fastEMA.value,
      "ema_slow": slowEMA.value,
      "vwap": vwap.value,
      "volatility": volatility.value,
      "volatility_baseline": volatilityBaseline.value,
      "volume_ratio": volumeRatio,
      "trend_score": score.trend,
      "vwap_score": score.vwapPosition,
      "volatility_factor": score.volatilityFactor,
      "volume_factor": score.volumeFactor,
    ]
  }
}
