import Services
import Synchronization
import Testing
import TradingCore

@Suite struct PacedTicksTests {
  static let ticks = [0, 1, 1, 3].map { second in
    Tick(symbol: "AAPL", timestamp: PipelineFixture.start.adding(seconds: Int64(second)), bid: 10, ask: 11)
  }

  static func deadlines(_ pacing: PacedTicks<[Tick], SteppingClock>.Pacing) async throws -> [Duration] {
    let clock = SteppingClock()
    var received: [Tick] = []
    for try await tick in PacedTicks(Self.ticks, pacing: pacing, clock: clock) { received.append(tick) }
    #expect(received == Self.ticks)
    return clock.sleptUntil
  }

  @Test func replayWaitsForTheTimestampGapsDividedByTheSpeed() async throws {
    // The first tick is due at once and the third shares the second's timestamp: neither sleeps.
    #expect(try await Self.deadlines(.replay(speed: 2)) == [.milliseconds(500), .milliseconds(1_500)])
  }

  @Test func aRateSpacesTicksEvenly() async throws {
    #expect(
      try await Self.deadlines(.ticksPerSecond(4)) == [.milliseconds(250), .milliseconds(500), .milliseconds(750)])
  }

  @Test func asFastAsPossibleNeverWaits() async throws {
    #expect(try await Self.deadlines(.asFastAsPossible).isEmpty)
  }
}

/// A clock whose sleeps return at once and move its time to their deadline, recording each
/// deadline as a duration since its start.
final class SteppingClock: Clock, Sendable {
  struct Instant: InstantProtocol {
    var offset: Duration
    func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
    func duration(to other: Instant) -> Duration { other.offset - offset }
    static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
  }

  private let state = Mutex<(now: Instant, deadlines: [Duration])>((Instant(offset: .zero), []))

  var now: Instant { state.withLock { $0.now } }
  var minimumResolution: Duration { .nanoseconds(1) }
  var sleptUntil: [Duration] { state.withLock { $0.deadlines } }

  func sleep(until deadline: Instant, tolerance: Duration?) async throws {
    state.withLock { state in
      state.deadlines.append(deadline.offset)
      state.now = Swift.max(state.now, deadline)
    }
  }
}
