/// A view computed outside the core — the ONNX model's prediction, the FinBERT sentiment —
/// read from `StrategyContext.forecasts`.
///
/// The core does no I/O, so the edge asks those services before calling the pipeline and puts
/// their scores in the context under this model's `factor`. When a service is down or late the
/// entry is absent, this model answers nil, and the combiner renormalises over the rest.
public struct ForecastAlpha: AlphaModel {
  /// The key in `StrategyContext.forecasts`, also the factor's name.
  public let name: String

  public init(factor: String) { name = factor }

  /// The machine-learning price-direction model (ONNX runner).
  public static let ml = ForecastAlpha(factor: "ml")
  /// The news sentiment aggregate (FinBERT), mapped to [-1, 1].
  public static let sentiment = ForecastAlpha(factor: "sentiment")

  public func insight(for signal: Signal, context: StrategyContext) -> Insight? {
    guard let score = context.forecast(name, for: signal.symbol) else { return nil }
    return Insight(symbol: signal.symbol, score: score, source: name, timestamp: signal.timestamp, signalID: signal.id)
  }
}
