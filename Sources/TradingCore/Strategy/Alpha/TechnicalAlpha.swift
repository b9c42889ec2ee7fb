/// The technical view: the pattern engine's signal score, taken as it is.
///
/// The pattern engine already blends its indicators into one score in [-1, 1]; this model
/// only turns that score into an insight, so that it can be weighted against the others.
public struct TechnicalAlpha: AlphaModel {
  public let name = "technical"

  public init() {}

  public func insight(for signal: Signal, context: StrategyContext) -> Insight? {
    Insight(
      symbol: signal.symbol, score: signal.score, source: name, timestamp: signal.timestamp, signalID: signal.id)
  }
}
