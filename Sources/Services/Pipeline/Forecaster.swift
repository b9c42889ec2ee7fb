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
  /// Told of `symbol`'s new direction-feature row as its bar closes, before any signal carries
  /// it, by a pattern engine in the same process: a forecaster may ask its model now, so that
  /// the signals of the bar find the answer ready. Returns at once.
  func prepare(features row: [Double], of symbol: String)
}

extension Forecaster {
  /// Nothing to prepare: the answer is worked out when a signal asks.
  public func prepare(features row: [Double], of symbol: String) {}
}
