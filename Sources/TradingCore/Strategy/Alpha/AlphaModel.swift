/// A source of views: turns a signal (and the account and market around it) into an insight.
///
/// The shape of LEAN's `IAlphaModel.Update` (QuantConnect/Lean, `Algorithm/Alphas/IAlphaModel.cs`),
/// called once per signal instead of once per data slice. Returning nil means "no view now" —
/// a model whose service is down answers nil, and the combiner trades on the others.
public protocol AlphaModel: Sendable {
  /// The factor's name, used in decision meta as `factor.<name>`.
  var name: String { get }

  /// This model's view of `signal.symbol`, or nil when it has none.
  func insight(for signal: Signal, context: StrategyContext) -> Insight?
}
