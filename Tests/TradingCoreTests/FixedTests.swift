import Testing

@testable import TradingCore

@Suite struct FixedTests {
  @Test func parsesAndPrintsExactly() {
    #expect(Fixed("169.02")?.raw == 16_902_000_000)
    #expect(Fixed("-0.00002")?.description == "-0.00002")
    #expect(Fixed("100")?.description == "100")
    #expect(Fixed("1.123456789") == nil)
    #expect(Fixed("1.123456780")?.description == "1.12345678")
    #expect(Fixed("abc") == nil)
    #expect(Fixed("") == nil)
    #expect(Fixed("1.2.3") == nil)
  }

  @Test func arithmeticIsExact() {
    // 0.1 + 0.2 is exactly 0.3, unlike Double.
    #expect(Fixed("0.1")! + Fixed("0.2")! == Fixed("0.3")!)
    // 59 × 169.02 × 0.002 = 19.94436 (the peer's first commission).
    #expect(Fixed(59) * Fixed("169.02")! * Fixed("0.002")! == Fixed("19.94436")!)
    #expect(Fixed(1) / Fixed(3) == Fixed("0.33333333")!)
    #expect(Fixed(2) / Fixed(3) == Fixed("0.66666667")!)
  }

  @Test func roundsHalfToEven() {
    #expect(Fixed("0.125")!.rounded(places: 2) == Fixed("0.12")!)
    #expect(Fixed("0.135")!.rounded(places: 2) == Fixed("0.14")!)
    #expect(Fixed("-0.125")!.rounded(places: 2) == Fixed("-0.12")!)
    #expect(Fixed("2.5")!.rounded(places: 0) == Fixed(2))
  }

  @Test func productsMatchWideReference() {
    #expect(Fixed(1_000_000) * Fixed(10_000) == Fixed(10_000_000_000))
    #expect(Fixed("-169.02")! * Fixed(59) == Fixed("-9972.18")!)
    // Against a 128-bit reference over many random factors whose product is in range.
    var generator = SplitMix64(seed: 7)
    for _ in 0..<20_000 {
      let lhs = Int64(bitPattern: generator.next()) % 100_000_000_000_000
      let rhs = Int64(bitPattern: generator.next()) % 1_000_000_000_000
      let reference = Fixed.divideRounded(Int128(lhs) * Int128(rhs), by: Int128(Fixed.scale))
      #expect((Fixed(raw: lhs) * Fixed(raw: rhs)).raw == reference)
    }
  }

  @Test func floorsTowardMinusInfinity() {
    #expect(Fixed("-2.5")!.floor == Fixed(-3))
    #expect(Fixed("2.5")!.floor == Fixed(2))
  }
}
