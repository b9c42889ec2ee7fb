import Messaging
import Services
import Synchronization
import TradingCore

/// Feeds, clocks and checks shared by the pipeline tests.
enum PipelineFixture {
  static let symbols = ["AAPL", "MSFT", "NVDA", "AMZN", "GOOG"]
  static let start = CivilDateTime(year: 2025, month: 6, day: 2, hour: 13, minute: 30).timestamp

  /// A seeded five-symbol market of `count` ticks, a second apart per symbol.
  static func market(count: Int?, seed: UInt64 = 42) -> SyntheticMarket {
    let instruments = symbols.enumerated().map { index, symbol in
      SyntheticMarket.Instrument(
        symbol: symbol, startPrice: 100 + 50 * Double(index), drift: index.isMultiple(of: 2) ? 0.000_05 : -0.000_05,
        volatility: 0.001 + 0.000_5 * Double(index))
    }
    return SyntheticMarket(instruments: instruments, seed: seed, start: start, tickCount: count)
  }

  static func asFastAsPossible<Ticks: Sequence & Sendable>(_ ticks: Ticks) -> PacedTicks<Ticks, ContinuousClock>
  where Ticks.Element == Tick {
    PacedTicks(ticks, pacing: .asFastAsPossible, clock: ContinuousClock())
  }

  /// Waits for `condition` in steps of 10 ms, for at most `limit`; returns whether it came true.
  static func eventually(within limit: Duration = .seconds(20), _ condition: () async throws -> Bool) async rethrows
    -> Bool
  {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
      if try await condition() { return true }
      try? await Task.sleep(for: .milliseconds(10))
    }
    return try await condition()
  }
}

/// A millisecond clock for the bus that moves only when a test says so.
final class ManualMillisecondClock: Sendable {
  private let milliseconds = Mutex<Int64>(1_750_000_000_000)

  var now: Int64 { milliseconds.withLock { $0 } }

  func advance(by step: Int64) { milliseconds.withLock { $0 += step } }
}
