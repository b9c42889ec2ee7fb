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

  private let state = Mutex(Counts())

  var counts: Counts { state.withLock { $0 } }

  func record(_ outcome: Outcome) {
    state.withLock { counts in
      switch outcome {
      case .answered: counts.answered += 1
      case .reused:
        counts.answered += 1
        counts.reused += 1
      case .refused: counts.refused += 1
      case .withoutInput: counts.withoutInput += 1
      case .failed(let message):
        counts.failed += 1
        counts.lastError = message
      }
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
