/// Blends several alpha models into one score: the weighted mean over the models that answered.
///
/// Weights are renormalised over the models that gave a view, so an ML or sentiment outage
/// degrades the strategy to the remaining factors (in the end technical-only) instead of
/// stopping it or silently shrinking every score. Each factor's contribution — its
/// renormalised weight × its score — is recorded in the insight's meta as `factor.<name>`;
/// the contributions sum to the combined score. `alpha.answered_weight` records the share of
/// the configured weight that answered (1 when every model did).
public struct CombinedAlpha: AlphaModel {
  /// One model and its weight (≥ 0; only ratios matter).
  public struct Component: Sendable {
    public let model: any AlphaModel
    public let weight: Double
    let metaKey: String

    public init(_ model: any AlphaModel, weight: Double) {
      precondition(weight.isFinite && weight >= 0, "an alpha weight is finite and not negative")
      self.model = model
      self.weight = weight
      metaKey = "factor.\(model.name)"
    }
  }

  public let name = "combined"
  public let components: [Component]
  let totalWeight: Double

  public init(_ components: [Component]) {
    self.components = components
    totalWeight = components.reduce(0) { $0 + $1.weight }
  }

  /// Technical, ML and sentiment, weighted 0.5 / 0.3 / 0.2 by default: the pattern engine is
  /// always there, so it carries the most weight; the two external views refine it.
  public static func standard(technical: Double = 0.5, ml: Double = 0.3, sentiment: Double = 0.2) -> CombinedAlpha {
    CombinedAlpha([
      Component(TechnicalAlpha(), weight: technical),
      Component(ForecastAlpha.ml, weight: ml),
      Component(ForecastAlpha.sentiment, weight: sentiment),
    ])
  }

  /// The weighted mean of the answering models' scores, or nil when none with weight answered.
  public func insight(for signal: Signal, context: StrategyContext) -> Insight? {
    // Scores go to a stack buffer (NaN = no answer), so a decision allocates no scratch array.
    withUnsafeTemporaryAllocation(of: Double.self, capacity: components.count) { scores in
      var answeredWeight = 0.0
      var answered = 0
      for (index, component) in components.enumerated() {
        scores[index] = .nan  // an insight's score is never NaN, so NaN marks "no answer"
        guard component.weight > 0, let view = component.model.insight(for: signal, context: context) else {
          continue
        }
        scores[index] = view.score
        answeredWeight += component.weight
        answered += 1
      }
      guard answeredWeight > 0 else { return nil }
      var meta: [String: Double] = [:]
      meta.reserveCapacity(answered + 1)
      var score = 0.0
      for (index, component) in components.enumerated() where !scores[index].isNaN {
        let contribution = component.weight / answeredWeight * scores[index]
        meta[component.metaKey] = contribution
        score += contribution
      }
      meta["alpha.answered_weight"] = answeredWeight / totalWeight
      return Insight(
        symbol: signal.symbol, score: score, source: name, timestamp: signal.timestamp, signalID: signal.id,
        meta: meta)
    }
  }
}
