import TradingCore

/// Ticks from a sequence (a `SyntheticMarket`, parsed CSV rows) handed out over time: as fast as
/// possible, at a steady rate, or replayed at a multiple of the speed their timestamps say.
///
/// Pacing waits on an injected `Clock`, so a test can drive it without real time passing.
/// Cancelling the consuming task ends the sequence with `CancellationError`.
public struct PacedTicks<Ticks: Sequence & Sendable, PacingClock: Clock<Duration>>: AsyncSequence, Sendable
where Ticks.Element == Tick {
  /// How fast ticks are handed out.
  public enum Pacing: Sendable, Hashable {
    /// No waiting at all (backfills, tests, benchmarks).
    case asFastAsPossible
    /// A steady number of ticks per second, whatever their timestamps.
    case ticksPerSecond(Double)
    /// The gaps between timestamps divided by `speed` (1 = real time, 10 = ten times faster).
    case replay(speed: Double)
  }

  public var ticks: Ticks
  public var pacing: Pacing
  public var clock: PacingClock

  public init(_ ticks: Ticks, pacing: Pacing, clock: PacingClock) {
    if case .ticksPerSecond(let rate) = pacing { precondition(rate > 0, "the tick rate must be positive") }
    if case .replay(let speed) = pacing { precondition(speed > 0, "the replay speed must be positive") }
    self.ticks = ticks
    self.pacing = pacing
    self.clock = clock
  }

  public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(self) }

  /// Hands out the ticks, waiting as the pacing says.
  public struct AsyncIterator: AsyncIteratorProtocol {
    private var base: Ticks.Iterator
    private let pacing: Pacing
    private let clock: PacingClock
    private var startedAt: PacingClock.Instant?
    private var firstTimestamp: Timestamp?
    private var produced = 0

    init(_ paced: PacedTicks) {
      base = paced.ticks.makeIterator()
      pacing = paced.pacing
      clock = paced.clock
    }

    public mutating func next() async throws -> Tick? {
      try Task.checkCancellation()
      guard let tick = base.next() else { return nil }
      let start = startedAt ?? clock.now
      startedAt = start
      switch pacing {
      case .asFastAsPossible:
        await yieldNowAndThen()
      case .ticksPerSecond(let rate):
        try await wait(until: start.advanced(by: .seconds(Double(produced) / rate)))
      case .replay(let speed):
        let first = firstTimestamp ?? tick.timestamp
        firstTimestamp = first
        let elapsed = Double(tick.timestamp.nanosecondsSinceEpoch - first.nanosecondsSinceEpoch) / 1e9 / speed
        try await wait(until: start.advanced(by: .seconds(Swift.max(0, elapsed))))
      }
      produced += 1
      return tick
    }

    /// Sleeps until `deadline` when it is still ahead. A deadline already reached — the symbols
    /// of one round share a timestamp, and a busy machine falls behind — costs no timer, which
    /// a sleep would arm even for a moment past.
    private func wait(until deadline: PacingClock.Instant) async throws {
      if deadline > clock.now {
        try await clock.sleep(until: deadline, tolerance: nil)
      } else {
        await yieldNowAndThen()
      }
    }

    /// Lets the consumers downstream run now and then on a busy machine.
    private func yieldNowAndThen() async {
      if produced % 256 == 255 { await Task.yield() }
    }
  }
}
