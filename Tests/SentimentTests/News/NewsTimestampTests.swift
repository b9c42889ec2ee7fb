import Testing
import TradingCore

@testable import Sentiment

@Suite struct NewsTimestampTests {
  @Test func readsISO8601WithFractionsAndOffsets() {
    #expect(NewsTimestamp.iso8601("2026-11-25T14:03:00Z") == NewsTime.at(14, 3))
    #expect(NewsTimestamp.iso8601("2026-11-25T14:03:00.250Z") == NewsTime.at(14, 3, nanoseconds: 250_000_000))
    #expect(NewsTimestamp.iso8601("2026-11-25T14:03:00.123456789123Z") == NewsTime.at(14, 3, nanoseconds: 123_456_789))
    // 09:03 five hours west of Greenwich is 14:03 UTC; 15:33 at +01:30 is 14:03 too.
    #expect(NewsTimestamp.iso8601("2026-11-25T09:03:00-05:00") == NewsTime.at(14, 3))
    #expect(NewsTimestamp.iso8601("2026-11-25T15:33:00+0130") == NewsTime.at(14, 3))
    #expect(NewsTimestamp.iso8601("2026-11-25T14:03Z") == NewsTime.at(14, 3))
    #expect(NewsTimestamp.iso8601("2026-11-25 14:03:00") == NewsTime.at(14, 3))
    // An offset that crosses midnight backwards: 00:30 at +02:00 is 22:30 the day before.
    #expect(NewsTimestamp.iso8601("2026-11-25T00:30:00+02:00") == NewsTime.at(-2, 30))
  }

  @Test func refusesWhatIsNotISO8601() {
    for text in [
      "", "25/11/2026 13:00", "2026-11-25", "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z", "2026-11-25T24:00:00Z",
      "2026-11-25T14:03:00Zjunk", "2026-11-25T14:03:00.Z", "2026-11-25T14:03:00+25:00",
    ] {
      #expect(NewsTimestamp.iso8601(text) == nil, "\(text)")
    }
  }

  @Test func readsRFC822DatesAsRSSWritesThem() {
    #expect(NewsTimestamp.rfc822("Wed, 25 Nov 2026 14:03:00 GMT") == NewsTime.at(14, 3))
    // The weekday is not checked (25 Nov 2026 is a Wednesday).
    #expect(NewsTimestamp.rfc822("Tue, 25 Nov 2026 14:03:00 GMT") == NewsTime.at(14, 3))
    #expect(NewsTimestamp.rfc822("Wed, 25 Nov 2026 14:03:00 +0000") == NewsTime.at(14, 3))
    #expect(NewsTimestamp.rfc822("25 Nov 2026 09:03 -0500") == NewsTime.at(14, 3))
    #expect(NewsTimestamp.rfc822("Wed, 25 Nov 2026 06:03:00 PST") == NewsTime.at(14, 3))
    #expect(NewsTimestamp.rfc822("Wed, 25 Nov 26 10:03:00 EDT") == NewsTime.at(14, 3))
    #expect(NewsTimestamp.rfc822("Wednesday, 25 November 2026 14:03:00 UT") == NewsTime.at(14, 3))
  }

  @Test func refusesWhatIsNotRFC822() {
    for text in [
      "yesterday afternoon", "2026-11-25T14:03:00Z", "Wed, 31 Nov 2026 14:03:00 GMT", "Wed, 25 Nov 2026 14:03:00 CET",
      "Wed, 25 Foo 2026 14:03:00 GMT", "Wed, 25 Nov 2026 14h03 GMT",
    ] {
      #expect(NewsTimestamp.rfc822(text) == nil, "\(text)")
    }
  }

  @Test func readsAndWritesAlphaVantageCompactTimes() {
    #expect(NewsTimestamp.compact("20261125T140300") == NewsTime.at(14, 3))
    #expect(NewsTimestamp.compact("20261125T1403") == NewsTime.at(14, 3))
    #expect(NewsTimestamp.compact("2026-11-25 14:03") == nil)
    #expect(NewsTimestamp.compact("20261125T14030") == nil)
    #expect(NewsTimestamp.compactMinutes(NewsTime.at(14, 3, 59, nanoseconds: 5)) == "20261125T1403")
    #expect(NewsTimestamp.iso8601Seconds(NewsTime.at(14, 3, 59, nanoseconds: 5)) == "2026-11-25T14:03:59Z")
  }
}
