/// Turns ticks into pattern signals for any number of symbols.
///
/// Keeps one `SymbolPatternState` per symbol, created at the symbol's first tick, and one
/// seeded `SignalIDGenerator`, so that replaying the same ticks with the same seed produces
/// the same signals, ids included. Ticks should be validated first (`TickValidator`).
public struct PatternEngine: Sendable {
  public let scoring: PatternScoring
  public private(set) var states: [String: SymbolPatternState]
  public private(set) var ids: SignalIDGenerator
  /// Ticks given to `process(_:)`.
  public private(set) var ticksProcessed: Int
  /// Signals `process(_:)` returned.
  public private(set) var signalsEmitted: Int

  /// An engine with no symbols yet; `seed` fixes the random part of every signal id.
  public init(scoring: PatternScoring = PatternScoring(), seed: UInt64) {
    self.scoring = scoring
    states = [:]
    ids = SignalIDGenerator(seed: seed)
    ticksProcessed = 0
    signalsEmitted = 0
  }

  /// Updates the tick's symbol and returns a signal when its score crosses the threshold.
  public mutating func process(_ tick: Tick) -> Signal? {
    ticksProcessed += 1
    let signal = states[tick.symbol, default: SymbolPatternState(symbol: tick.symbol, scoring: scoring)]
      .update(tick, ids: &ids)
    if signal != nil { signalsEmitted += 1 }
    return signal
  }

  /// The last `scoring.historyCapacity` signals for `symbol`, oldest first.
  public func recentSignals(symbol: String) -> [Signal] {
    states[symbol].map { Array($0.recentSignals) } ?? []
  }
}
