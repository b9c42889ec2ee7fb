import Testing

@testable import TradingCore

/// Timestamp ↔ CivilDateTime against Python's `calendar.timegm` and `datetime.weekday()`
/// (values computed with python3 and committed here), including dates before 1970.
@Suite struct TimestampCivilTests {
  /// (civil date-time, seconds since the epoch from `calendar.timegm`, weekday Monday = 0, days since epoch).
  static let knownDates: [(civil: CivilDateTime, seconds: Int64, weekday: Int, days: Int64)] = [
    (CivilDateTime(year: 1970, month: 1, day: 1), 0, 3, 0),
    (CivilDateTime(year: 2000, month: 2, day: 29), 951_782_400, 1, 11_016),
    (CivilDateTime(year: 1969, month: 12, day: 31, hour: 23, minute: 59, second: 59), -1, 2, -1),
    (CivilDateTime(year: 2004, month: 8, day: 19), 1_092_873_600, 3, 12_649),
    (CivilDateTime(year: 2013, month: 3, day: 1), 1_362_096_000, 4, 15_765),
    (CivilDateTime(year: 1900, month: 1, day: 1), -2_208_988_800, 0, -25_567),
    (CivilDateTime(year: 1700, month: 3, day: 1), -8_515_238_400, 0, -98_556),
    // The ends of the Int64-nanosecond range (1677-09-21 … 2262-04-11).
    (CivilDateTime(year: 1677, month: 9, day: 22), -9_223_286_400, 2, -106_751),
    (CivilDateTime(year: 2262, month: 4, day: 10, hour: 23, minute: 59, second: 59), 9_223_286_399, 3, 106_750),
    (CivilDateTime(year: 2024, month: 1, day: 1), 1_704_067_200, 0, 19_723),
    (CivilDateTime(year: 2038, month: 1, day: 19, hour: 3, minute: 14, second: 7), 2_147_483_647, 1, 24_855),
    (CivilDateTime(year: 1960, month: 2, day: 29, hour: 12), -310_478_400, 0, -3_594),
  ]

  @Test(arguments: knownDates.indices)
  func civilToTimestampMatchesPython(_ index: Int) {
    let known = Self.knownDates[index]
    #expect(known.civil.isValid)
    #expect(known.civil.timestamp == Timestamp(secondsSinceEpoch: known.seconds), "\(known.civil.iso8601)")
    #expect(known.civil.weekday == known.weekday, "\(known.civil.iso8601)")
    #expect(Timestamp(secondsSinceEpoch: known.seconds).daysSinceEpoch == known.days, "\(known.civil.iso8601)")
  }

  @Test(arguments: knownDates.indices)
  func timestampToCivilMatchesPython(_ index: Int) {
    let known = Self.knownDates[index]
    #expect(Timestamp(secondsSinceEpoch: known.seconds).civil == known.civil)
  }

  @Test func negativeNanosecondsBelongToTheDayBefore() {
    let justBefore = Timestamp(nanosecondsSinceEpoch: -1)
    #expect(
      justBefore.civil
        == CivilDateTime(year: 1969, month: 12, day: 31, hour: 23, minute: 59, second: 59, nanosecond: 999_999_999))
    #expect(justBefore.daysSinceEpoch == -1)
    #expect(justBefore.iso8601 == "1969-12-31T23:59:59.999999999Z")
    // Exactly one day before the epoch is midnight, not the end of the day before that.
    #expect(
      Timestamp(nanosecondsSinceEpoch: -Timestamp.nanosecondsPerDay).civil
        == CivilDateTime(year: 1969, month: 12, day: 31))
    #expect(Timestamp(nanosecondsSinceEpoch: -Timestamp.nanosecondsPerDay).daysSinceEpoch == -1)
    #expect(Timestamp(nanosecondsSinceEpoch: -Timestamp.nanosecondsPerDay - 1).daysSinceEpoch == -2)
  }

  @Test func iso8601PrintsFractionsOnlyWhenPresent() {
    #expect(Timestamp(secondsSinceEpoch: 1_092_873_600).iso8601 == "2004-08-19T00:00:00Z")
    #expect(Timestamp(nanosecondsSinceEpoch: 1_500_000_000).iso8601 == "1970-01-01T00:00:01.5Z")
    #expect(Timestamp(nanosecondsSinceEpoch: 1_000_000_001).iso8601 == "1970-01-01T00:00:01.000000001Z")
  }

  /// Every day from 1678 to 2261 (1700, 1800, 1900, 2100, 2200 not leap, 2000 leap) survives the round trip,
  /// and consecutive days are 86,400 s apart with the calendar and the weekday advancing by one.
  @Test func everyDayRoundTripsAndWeekdaysAdvance() {
    var previous = CivilDateTime(year: 1678, month: 1, day: 1)
    // python3: date(1678, 1, 1).weekday() == 5 (a Saturday).
    #expect(previous.weekday == 5)
    var time = previous.timestamp
    var days = 0
    while previous.year < 2262 {
      time = time.adding(seconds: 86_400)
      let civil = time.civil
      let nextDay = civil.year == previous.year && civil.month == previous.month && civil.day == previous.day + 1
      let nextMonth = civil.day == 1 && civil.month == previous.month % 12 + 1
      guard civil.isValid, civil.timestamp == time, civil.weekday == (previous.weekday + 1) % 7, nextDay || nextMonth
      else {
        Issue.record("day after \(previous.iso8601) is \(civil.iso8601), weekday \(civil.weekday)")
        return
      }
      previous = civil
      days += 1
    }
    // python3: (date(2262, 1, 1) - date(1678, 1, 1)).days == 213301.
    #expect(days == 213_301)
  }

  @Test func validityFollowsTheGregorianCalendar() {
    #expect(CivilDateTime(year: 2000, month: 2, day: 29).isValid)
    #expect(CivilDateTime(year: 2400, month: 2, day: 29).isValid)
    #expect(CivilDateTime(year: 2024, month: 2, day: 29).isValid)
    #expect(!CivilDateTime(year: 1900, month: 2, day: 29).isValid)
    #expect(!CivilDateTime(year: 2100, month: 2, day: 29).isValid)
    #expect(!CivilDateTime(year: 2023, month: 2, day: 29).isValid)
    #expect(!CivilDateTime(year: 2024, month: 4, day: 31).isValid)
    #expect(CivilDateTime(year: 2024, month: 12, day: 31).isValid)
    #expect(!CivilDateTime(year: 2024, month: 0, day: 1).isValid)
    #expect(!CivilDateTime(year: 2024, month: 13, day: 1).isValid)
    #expect(!CivilDateTime(year: 2024, month: 1, day: 0).isValid)
    #expect(!CivilDateTime(year: 2024, month: 1, day: 1, hour: 24).isValid)
    #expect(!CivilDateTime(year: 2024, month: 1, day: 1, minute: 60).isValid)
    #expect(CivilDateTime(year: 2016, month: 12, day: 31, hour: 23, minute: 59, second: 60).isValid)  // leap second
    #expect(!CivilDateTime(year: 2024, month: 1, day: 1, second: 61).isValid)
    #expect(!CivilDateTime(year: 2024, month: 1, day: 1, nanosecond: 1_000_000_000).isValid)
    #expect(!CivilDateTime(year: 2024, month: 1, day: 1, nanosecond: -1).isValid)
  }
}
