import TradingCore

/// A view from outside the core for one signal — the ML model's, the sentiment engine's — that
/// the strategy engine puts into `StrategyContext.forecasts` under `factor` before deciding.
///
/// A forecaster never throws and never waits long: when its service is slow or down it answers
/// nil and the decision goes on without that factor (`CombinedAlpha` renormalises).
public protocol Forecaster: Sendable {
  /// The factor's name in the context and in decision meta (`ml`, `sentiment`).
  var factor: String { get }
  /// A score in [-1, 1] for `signal`, or nil when there is none in time. It runs on the
  /// caller's executor, so an answer the forecaster already holds costs no hop off the strategy
  /// engine's actor and back.
  nonisolated(nonsending) func forecast(for signal: Signal) async -> Double?
}
