import Synchronization

/// Stops calling a service that keeps failing, and tries it again after a cool-down.
///
/// Closed: calls go through; `failureThreshold` failures in a row open it. Open: calls are
/// refused at once (the caller goes on without the service) until `cooldown` has passed; then
/// half-open: one trial call goes through, and its success closes the breaker while its
/// failure opens it for another cool-down.
public final class CircuitBreaker: Sendable {
  /// When to open and how long to stay open.
  public struct Configuration: Sendable, Hashable {
    public var failureThreshold: Int
    public var cooldown: Duration

    public init(failureThreshold: Int = 5, cooldown: Duration = .seconds(10)) {
      precondition(failureThreshold > 0, "a breaker opens after at least one failure")
      self.failureThreshold = failureThreshold
      self.cooldown = cooldown
    }
  }

  /// The breaker's position.
  public enum State: String, Sendable, Hashable {
    case closed, open
    case halfOpen = "half_open"
  }

  /// The breaker's state and counters at one moment.
  public struct Snapshot: Sendable, Hashable {
    public var state: State
    public var consecutiveFailures: Int
    /// How many times it has opened.
    public var opened: Int
    /// Calls refused while open.
    public var refused: Int
  }

  private struct Inner {
    var snapshot = Snapshot(state: .closed, consecutiveFailures: 0, opened: 0, refused: 0)
    var openedAt: ContinuousClock.Instant?
    var trialInFlight = false
  }

  public let configuration: Configuration
  private let inner = Mutex(Inner())

  public init(configuration: Configuration = Configuration()) {
    self.configuration = configuration
  }

  /// The current state and counters.
  public var snapshot: Snapshot { inner.withLock { $0.snapshot } }

  /// Whether a call may go out now; when true, report its outcome with `recordSuccess()` or
  /// `recordFailure()`.
  public func allowsCall(now: ContinuousClock.Instant = .now) -> Bool {
    inner.withLock { inner in
      switch inner.snapshot.state {
      case .closed:
        return true
      case .open:
        guard let openedAt = inner.openedAt, now - openedAt >= configuration.cooldown else {
          inner.snapshot.refused += 1
          return false
        }
        inner.snapshot.state = .halfOpen
        inner.trialInFlight = true
        return true
      case .halfOpen:
        guard !inner.trialInFlight else {
          inner.snapshot.refused += 1
          return false
        }
        inner.trialInFlight = true
        return true
      }
    }
  }

  /// The call succeeded: the breaker closes.
  public func recordSuccess() {
    inner.withLock { inner in
      inner.snapshot.state = .closed
      inner.snapshot.consecutiveFailures = 0
      inner.trialInFlight = false
      inner.openedAt = nil
    }
  }

  /// The call failed: a failed trial, or the threshold reached, opens the breaker.
  public func recordFailure(now: ContinuousClock.Instant = .now) {
    inner.withLock { inner in
      inner.snapshot.consecutiveFailures += 1
      inner.trialInFlight = false
      let trip =
        inner.snapshot.state == .halfOpen || inner.snapshot.consecutiveFailures >= configuration.failureThreshold
      if trip, inner.snapshot.state != .open {
        inner.snapshot.state = .open
        inner.snapshot.opened += 1
        inner.openedAt = now
      } else if trip {
        inner.openedAt = now
      }
    }
  }
}
