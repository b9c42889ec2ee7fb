import Foundation
import Testing

@testable import TradingCore

/// ULID encoding of `TimeSortableID` against independent values: the ULID reference
/// implementation's README example and 128-bit values encoded with Python (the expected strings
/// below were computed with python3 from the same bits; `uuid.UUID(int:)` shows the bits).
@Suite struct TimeSortableIDTests {
  /// (high, low, ULID) — python3: `"".join(A[(v >> 5 * (25 - i)) & 31] for i in range(26))`
  /// with `A = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"` and `v = high << 64 | low`.
  static let knownEncodings: [(high: UInt64, low: UInt64, text: String)] = [
    // uuid 01234567-89ab-cdef-fedc-ba9876543210
    (0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210, "014D2PF2DBSQQZXQ5TK1V58CGG"),
    (0, 0, "00000000000000000000000000"),
    (0, 1, "00000000000000000000000001"),
    (.max, .max, "7ZZZZZZZZZZZZZZZZZZZZZZZZZ"),
    // ulid/javascript README: ulid(1469918176385) → "01ARYZ6S41TSV4RRFFQ69G5FAV".
    (0x0156_3DF3_6481_D676, 0x4C61_EFB9_9302_BD5B, "01ARYZ6S41TSV4RRFFQ69G5FAV"),
  ]

  @Test(arguments: knownEncodings.indices)
  func encodesAndDecodesKnownValues(_ index: Int) {
    let known = Self.knownEncodings[index]
    let id = TimeSortableID(high: known.high, low: known.low)
    #expect(id.description == known.text)
    #expect(TimeSortableID(known.text) == id)
  }

  @Test func theReferenceExampleCarriesItsMilliseconds() throws {
    let id = try #require(TimeSortableID("01ARYZ6S41TSV4RRFFQ69G5FAV"))
    #expect(id.milliseconds == 1_469_918_176_385)
  }

  /// The random part is drawn from the generator: with SplitMix64(seed: 0) the first draw's low
  /// 16 bits (0xCDAF of 0xE220A8397B1DCDAF) follow the milliseconds, the second draw is the low word.
  @Test func madeFromATimeAndASeededGenerator() {
    var generator = SplitMix64(seed: 0)
    let id = TimeSortableID(timestamp: Timestamp(nanosecondsSinceEpoch: 1_469_918_176_385_123_456), using: &generator)
    #expect(id.high == 0x0156_3DF3_6481_CDAF)
    #expect(id.low == 0x6E78_9E6A_A1B9_65F4)
    #expect(id.milliseconds == 1_469_918_176_385)
    // python3 from the same 128 bits (uuid 01563df3-6481-cdaf-6e78-9e6aa1b965f4).
    #expect(id.description == "01ARYZ6S41SPQPWY4YDAGVJSFM")
  }

  @Test func decodingIsCrockfords() {
    let canonical = TimeSortableID(high: 0x0123_4567_89AB_CDEF, low: 0xFEDC_BA98_7654_3210)
    #expect(TimeSortableID("014d2pf2dbsqqzxq5tk1v58cgg") == canonical)
    // O reads as 0, I and L (either case) as 1.
    #expect(TimeSortableID("OL4D2PF2DBSQQZXQ5TKiV58CGG") == canonical)
    #expect(TimeSortableID("o14D2PF2DBSQQZXQ5TKlV58CGG") == canonical)
  }

  @Test(arguments: [
    "",
    "014D2PF2DBSQQZXQ5TK1V58CG",  // 25 characters
    "014D2PF2DBSQQZXQ5TK1V58CGGG",  // 27 characters
    "014D2PF2DBSQQZXQ5TK1V58CGU",  // U is not in the alphabet
    "014D2PF2DBSQQZXQ5TK1V58CG-",
    "014D2PF2DBSQQZXQ5TK1V58CG ",
    "80000000000000000000000000",  // above 2¹²⁸ − 1
    "ZZZZZZZZZZZZZZZZZZZZZZZZZZ",
    "014D2PF2DBSQQZXQ5TK1V58Cé",  // 26 bytes, 25 characters
  ])
  func rejectsBadStrings(_ text: String) {
    #expect(TimeSortableID(text) == nil)
  }

  @Test func roundTripsThroughStringAndJSON() throws {
    var generator = SplitMix64(seed: 99)
    for _ in 0..<1_000 {
      let id = TimeSortableID(high: generator.next(), low: generator.next())
      #expect(TimeSortableID(id.description) == id)
      let json = try JSONEncoder().encode([id])
      #expect(String(decoding: json, as: UTF8.self) == "[\"\(id)\"]")
      #expect(try JSONDecoder().decode([TimeSortableID].self, from: json) == [id])
    }
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode([TimeSortableID].self, from: Data("[\"not-an-id\"]".utf8))
    }
  }

  /// Ids made at increasing times sort in time order, as ids and as strings, whatever their random bits.
  @Test func sortOrderIsTimeOrder() {
    var generator = SplitMix64(seed: 7)
    var time = Timestamp(secondsSinceEpoch: 1_700_000_000)
    var times: [Timestamp] = []
    var ids: [TimeSortableID] = []
    for _ in 0..<2_000 {
      time = time.adding(nanoseconds: 1_000_000 * Int64(1 + generator.next() % 5_000))
      times.append(time)
      ids.append(TimeSortableID(timestamp: time, using: &generator))
    }
    var shuffled = ids
    shuffled.shuffle(using: &generator)
    #expect(shuffled.sorted() == ids)
    #expect(shuffled.map(\.description).sorted() == ids.map(\.description))
    #expect(ids.map(\.milliseconds) == times.map(\.millisecondsSinceEpoch))
  }
}
