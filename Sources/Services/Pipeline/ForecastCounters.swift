import Synchronization

/// Running counts of a forecaster's outcomes (thread-safe): answered, failed, refused by an open
/// circuit breaker, and signals it had nothing to ask about (`withoutInput`: no features, no news).
public final class ForecastCounters: Sendable {
  /// The counts at one moment.
  public struct Counts: Sendable, Hashable {
    public var answered = 0
    /// Of `answered`, those given again from an earlier answer to the same input.
    public var reused = 0
    public var failed = 0
    public var refused = 0
    public var withoutInput = 0
    public var lastError: String?
  }

  enum Outcome {
    case answered, reused, refused, withoutInput
    case failed(String)
  }

  // One atomic per count, so that recording an outcome (once per signal and forecaster) takes
  // no lock; only the last error's text is kept under one.
  private let answered = Atomic(0)
  private let reused = Atomic(0)
  private let failed = Atomic(0)
  private let refused = Atomic(0)
  private let withoutInput = Atomic(0)
  private let lastError = Mutex<String?>(nil)

  /// The counts now (each read on its own: a count may be one outcome ahead of another).
  var counts: Counts {
    let reusedNow = reused.load(ordering: .relaxed)
    return Counts(
      answered: answered.load(ordering: .relaxed), reused: reusedNow,
      failed: failed.load(ordering: .relaxed), refused: refused.load(ordering: .relaxed),
      withoutInput: withoutInput.load(ordering: .relaxed), lastError: lastError.withLock { $0 })
  }

  func record(_ outcome: Outcome) {
    switch outcome {
    case .answered: answered.add(1, ordering: .relaxed)
    case .reused:
      answered.add(1, ordering: .relaxed)
      reused.add(1, ordering: .relaxed)
    case .refused: refused.add(1, ordering: .relaxed)
    case .withoutInput: withoutInput.add(1, ordering: .relaxed)
    case .failed(let message):
      lastError.withLock { $0 = message }
      failed.add(1, ordering: .relaxed)
    }
  }
}

extension ForecastCounters.Counts {
  /// A forecaster's figures for `/api/status`: its circuit breaker's state and these counts,
  /// `withoutInput` under `withoutInputKey`, with `extra` beside them.
  func statusDetails(
    breaker: CircuitBreaker.Snapshot, withoutInputKey: String, extra: [String: JSONValue] = [:]
  ) -> [String: JSONValue] {
    extra.merging(
      [
        "circuit": .string(breaker.state.rawValue),
        "circuit_opened": .number(Double(breaker.opened)),
        "answered": .number(Double(answered)),
        "answers_reused": .number(Double(reused)),
        "failed": .number(Double(failed)),
        "refused_while_open": .number(Double(refused)),
        withoutInputKey: .number(Double(withoutInput)),
      ]
    ) { _, new in new }
  }
}
