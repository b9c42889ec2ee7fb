/// How long the client waits between failed connection attempts: exponential, capped, with jitter.
///
/// Exponential so that a server that is down is not hammered; capped so that recovery is noticed
/// within `maximum`; jittered ("equal jitter": half the delay fixed, half random) so that the many
/// clients a restart disconnects at once do not all reconnect in the same millisecond.
public struct RedisBackoff: Sendable, Hashable {
  /// The delay before the second attempt (the first is immediate).
  public var initial: Duration
  /// The longest delay, reached after a few doublings.
  public var maximum: Duration

  public init(initial: Duration = .milliseconds(20), maximum: Duration = .seconds(2)) {
    self.initial = initial
    self.maximum = maximum
  }

  /// The delay after `failures` consecutive failed attempts (1 or more).
  public func delay(afterFailures failures: Int, using random: inout some RandomNumberGenerator) -> Duration {
    let doublings = min(max(failures - 1, 0), 30)
    let ceiling = min(initial * (1 << doublings), maximum)
    let half = ceiling / 2
    return half + half * Double.random(in: 0...1, using: &random)
  }

  /// `delay(afterFailures:using:)` with the system's random numbers.
  public func delay(afterFailures failures: Int) -> Duration {
    var random = SystemRandomNumberGenerator()
    return delay(afterFailures: failures, using: &random)
  }
}
