import Testing

@testable import TradingCore

/// The synthetic feed has the settings of NautilusTrader's benchmark feed: one tick a second,
/// a spread of 1–3 pips, five decimals, reproducible from its seed.
@Suite struct SyntheticQuoteTicksTests {
  static let pip = Fixed(raw: 10_000)  // 0.0001

  @Test func countAndOneSecondSpacing() {
    let start = CivilDateTime(year: 2024, month: 1, day: 1).timestamp
    let ticks = Array(SyntheticQuoteTicks(count: 5_000, seed: 42, start: start))
    #expect(ticks.count == 5_000)
    #expect(ticks.first?.timestamp == start)
    #expect(ticks.last?.timestamp == start.adding(seconds: 4_999))
    #expect(zip(ticks, ticks.dropFirst()).allSatisfy { $1.timestamp == $0.timestamp.adding(seconds: 1) })
    #expect(ticks.allSatisfy { $0.symbol == "AUD/USD" && $0.volume == 1_000_000 })
    #expect(Array(SyntheticQuoteTicks(count: 0)).isEmpty)
  }

  @Test func spreadIsOneTwoOrThreePipsAtFiveDecimals() {
    let ticks = Array(SyntheticQuoteTicks(count: 100_000, seed: 42))
    var spreads: Set<Fixed> = []
    var offGrid = 0
    for tick in ticks {
      spreads.insert(tick.ask - tick.bid)
      if tick.bid.raw % 1_000 != 0 || tick.ask.raw % 1_000 != 0 { offGrid += 1 }
    }
    #expect(spreads == [Self.pip, Self.pip * 2, Self.pip * 3])
    #expect(offGrid == 0)
  }

  /// A Gaussian walk with σ = 0.00002 a tick: after 100,000 ticks the mid has moved about
  /// 0.0063 (σ√n); it stays well inside 0.7 ± 0.05, and one step is never more than 10 σ.
  @Test func theMidWalksFromPointSeven() {
    let ticks = Array(SyntheticQuoteTicks(count: 100_000, seed: 3))
    let mids = ticks.map(\.midPrice)
    #expect(abs(mids[0] - 0.7) < 0.0002)
    #expect(mids.allSatisfy { abs($0 - 0.7) < 0.05 })
    #expect(zip(mids, mids.dropFirst()).allSatisfy { abs($1 - $0) < 0.0002 + 0.00003 })
  }

  @Test func sameSeedSameTicksDifferentSeedDifferentTicks() {
    let first = Array(SyntheticQuoteTicks(count: 1_000, seed: 42))
    #expect(Array(SyntheticQuoteTicks(count: 1_000, seed: 42)) == first)
    let other = Array(SyntheticQuoteTicks(count: 1_000, seed: 43))
    #expect(other != first)
    #expect(zip(first, other).filter { $0.bid == $1.bid }.count < 500)
    // A shorter feed is a prefix of a longer one with the same seed.
    #expect(Array(SyntheticQuoteTicks(count: 10, seed: 42)) == Array(first.prefix(10)))
  }
}
