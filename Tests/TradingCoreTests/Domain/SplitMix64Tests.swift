import Testing

@testable import TradingCore

/// SplitMix64 against the published reference outputs (Vigna's `splitmix64.c`; recomputed with
/// python3: `s = (s + 0x9E3779B97F4A7C15) % 2**64`, then the two xor-shift-multiply rounds).
@Suite struct SplitMix64Tests {
  @Test func seedZeroGivesTheReferenceSequence() {
    var generator = SplitMix64(seed: 0)
    let first = (0..<5).map { _ in generator.next() }
    #expect(
      first == [
        0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F, 0xF88B_B8A8_724C_81EC,
        0x1B39_896A_51A8_749B,
      ])
  }

  @Test func seedFortyTwoGivesTheReferenceSequence() {
    var generator = SplitMix64(seed: 42)
    let first = (0..<5).map { _ in generator.next() }
    #expect(
      first == [
        13_679_457_532_755_275_413, 2_949_826_092_126_892_291, 5_139_283_748_462_763_858,
        6_349_198_060_258_255_764, 701_532_786_141_963_250,
      ])
  }

  /// `nextUnit` is the top 53 bits scaled by 2⁻⁵³ (python3: `(0xE220A8397B1DCDAF >> 11) / 2**53`).
  @Test func unitDrawsAreTheTop53Bits() {
    var generator = SplitMix64(seed: 0)
    #expect(generator.nextUnit() == 0.8833108082136426)
    #expect(generator.nextUnit() == 0.43152799704850997)
    var many = SplitMix64(seed: 42)
    let draws = (0..<100_000).map { _ in many.nextUnit() }
    #expect(draws.allSatisfy { $0 >= 0 && $0 < 1 })
    // The mean of 100,000 uniform draws is 0.5 within a few standard errors (σ/√n ≈ 0.0009).
    let mean: Double = draws.reduce(0.0, +) / Double(draws.count)
    #expect(abs(mean - 0.5) < 0.005)
  }

  @Test func sameSeedSameStreamAndDifferentSeedsDiffer() {
    var first = SplitMix64(seed: 123)
    var second = SplitMix64(seed: 123)
    var other = SplitMix64(seed: 124)
    let a = (0..<100).map { _ in first.next() }
    #expect(a == (0..<100).map { _ in second.next() })
    #expect(Set(a).isDisjoint(with: (0..<100).map { _ in other.next() }))
  }
}
