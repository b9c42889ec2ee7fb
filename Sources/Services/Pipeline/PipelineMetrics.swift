import TradingCore

/// The counters and timings the pipeline reports as it works, for `/metrics`. The components
/// call it inline, so an implementation must return quickly and never block.
public protocol PipelineMetrics: Sendable {
  /// A tick passed validation and was processed.
  func tickProcessed()
  /// A tick was rejected at the boundary; `reason` is `TickValidationError.reason`.
  func tickRejected(reason: String)
  /// The pattern engine emitted a signal.
  func signalEmitted()
  /// The strategy decided a new order, `latencySeconds` after it received the signal.
  func orderDecided(side: Side, latencySeconds: Double)
  /// A fill was booked by the broker and stored.
  func fillBooked()
  /// The strategy decided a new order `seconds` after the time of the tick behind its signal, by
  /// the wall clock: the whole path from tick to decision, across processes. Meaningful when ticks
  /// carry the wall-clock time (the synthetic market), not for a replay of history.
  func tickToDecision(seconds: Double)
}

/// Metrics that go nowhere: the default when no metrics backend is configured.
public struct NoPipelineMetrics: PipelineMetrics {
  public init() {}
  public func tickProcessed() {}
  public func tickRejected(reason: String) {}
  public func signalEmitted() {}
  public func orderDecided(side: Side, latencySeconds: Double) {}
  public func fillBooked() {}
  public func tickToDecision(seconds: Double) {}
}
