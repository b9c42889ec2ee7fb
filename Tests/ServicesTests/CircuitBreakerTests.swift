import Testing

@testable import Services

/// The breaker's states, driven with synthetic instants so that no test sleeps.
@Suite struct CircuitBreakerTests {
  private let start = ContinuousClock.now

  private func at(milliseconds: Int) -> ContinuousClock.Instant { start + .milliseconds(milliseconds) }

  /// A breaker opened by three failures at `start`.
  private func openedBreaker() -> CircuitBreaker {
    let breaker = CircuitBreaker(configuration: .init(failureThreshold: 3, cooldown: .seconds(10)))
    for _ in 0..<3 {
      #expect(breaker.allowsCall(now: start))
      breaker.recordFailure(now: start)
    }
    return breaker
  }

  @Test func opensAfterThresholdFailuresInARow() {
    let breaker = CircuitBreaker(configuration: .init(failureThreshold: 3, cooldown: .seconds(10)))
    #expect(breaker.snapshot == .init(state: .closed, consecutiveFailures: 0, opened: 0, refused: 0))
    breaker.recordFailure(now: start)
    breaker.recordFailure(now: start)
    #expect(breaker.snapshot.state == .closed)
    // A success between failures breaks the run.
    breaker.recordSuccess()
    #expect(breaker.snapshot.consecutiveFailures == 0)
    breaker.recordFailure(now: start)
    breaker.recordFailure(now: start)
    #expect(breaker.snapshot.state == .closed)
    #expect(breaker.allowsCall(now: start))
    breaker.recordFailure(now: start)
    #expect(breaker.snapshot == .init(state: .open, consecutiveFailures: 3, opened: 1, refused: 0))
  }

  @Test func refusesAndCountsWhileOpen() {
    let breaker = openedBreaker()
    #expect(!breaker.allowsCall(now: start))
    #expect(!breaker.allowsCall(now: at(milliseconds: 5_000)))
    #expect(!breaker.allowsCall(now: at(milliseconds: 9_999)))
    #expect(breaker.snapshot.refused == 3)
    #expect(breaker.snapshot.state == .open)
  }

  @Test func afterTheCooldownOneTrialGoesThroughAndItsSuccessCloses() {
    let breaker = openedBreaker()
    #expect(breaker.allowsCall(now: at(milliseconds: 10_000)))
    #expect(breaker.snapshot.state == .halfOpen)
    // A second caller while the trial is out is refused.
    #expect(!breaker.allowsCall(now: at(milliseconds: 10_001)))
    #expect(breaker.snapshot.refused == 1)
    breaker.recordSuccess()
    #expect(breaker.snapshot == .init(state: .closed, consecutiveFailures: 0, opened: 1, refused: 1))
    #expect(breaker.allowsCall(now: at(milliseconds: 10_002)))
    #expect(breaker.allowsCall(now: at(milliseconds: 10_002)))
  }

  @Test func aFailedTrialReopensForAnotherCooldown() {
    let breaker = openedBreaker()
    #expect(breaker.allowsCall(now: at(milliseconds: 12_000)))
    breaker.recordFailure(now: at(milliseconds: 12_000))
    #expect(breaker.snapshot.state == .open)
    #expect(breaker.snapshot.opened == 2)
    // The new cool-down counts from the failed trial, not from the first opening.
    #expect(!breaker.allowsCall(now: at(milliseconds: 21_999)))
    #expect(breaker.allowsCall(now: at(milliseconds: 22_000)))
    #expect(breaker.snapshot.state == .halfOpen)
  }

  @Test func oneFailureOpensABreakerWithThresholdOne() {
    let breaker = CircuitBreaker(configuration: .init(failureThreshold: 1, cooldown: .milliseconds(200)))
    breaker.recordFailure(now: start)
    #expect(breaker.snapshot.state == .open)
    #expect(!breaker.allowsCall(now: at(milliseconds: 199)))
    #expect(breaker.allowsCall(now: at(milliseconds: 200)))
  }
}
