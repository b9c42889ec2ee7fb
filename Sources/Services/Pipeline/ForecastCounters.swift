import Synchronization

/// Running counts of a forecaster's outcomes (thread-safe): answered, failed, refused by an open
/// circuit breaker, and signals it had nothing to ask about (`withoutInput`: no features, no news).
public final class ForecastCounters: Sendable {
  /// The counts at one moment.
  public struct Counts: Sendable, Hashable {
    public var answered = 0
    public var failed = 0
    public var refused = 0
    public var withoutInput = 0
    public var lastError: String?
  }

  enum Outcome {
    case answered, refused, withoutInput
    case failed(String)
  }

  private let state = Mutex(Counts())

  var counts: Counts { state.withLock { $0 } }

  func record(_ outcome: Outcome) {
    state.withLock { counts in
      switch outcome {
      case .answered: counts.answered += 1
      case .refused: counts.refused += 1
      case .withoutInput: counts.withoutInput += 1
      case .failed(let message):
        counts.failed += 1
        counts.lastError = message
      }
    }
  }
}
