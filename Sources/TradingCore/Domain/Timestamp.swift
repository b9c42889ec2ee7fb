/// A point in time: nanoseconds since 1970-01-01T00:00:00Z (UTC).
///
/// Plain integers make time exact and cheap to compare; the backtest drives them from data
/// and live mode from the system clock at the edge, so the core never reads a clock.
public struct Timestamp: Sendable, Hashable, Comparable, Codable {
  public var nanosecondsSinceEpoch: Int64

  @inlinable public init(nanosecondsSinceEpoch: Int64) { self.nanosecondsSinceEpoch = nanosecondsSinceEpoch }

  @inlinable public init(secondsSinceEpoch: Int64) { self.nanosecondsSinceEpoch = secondsSinceEpoch * 1_000_000_000 }

  public static let nanosecondsPerSecond: Int64 = 1_000_000_000
  public static let nanosecondsPerDay: Int64 = 86_400 * 1_000_000_000

  @inlinable public var secondsSinceEpoch: Double { Double(nanosecondsSinceEpoch) / 1e9 }
  @inlinable public var millisecondsSinceEpoch: Int64 { nanosecondsSinceEpoch / 1_000_000 }

  @inlinable public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
    lhs.nanosecondsSinceEpoch < rhs.nanosecondsSinceEpoch
  }

  @inlinable public func adding(nanoseconds: Int64) -> Timestamp {
    Timestamp(nanosecondsSinceEpoch: nanosecondsSinceEpoch + nanoseconds)
  }

  @inlinable public func adding(seconds: Int64) -> Timestamp {
    adding(nanoseconds: seconds * Timestamp.nanosecondsPerSecond)
  }

  /// The UTC calendar date and time of day.
  public var civil: CivilDateTime {
    let ns = nanosecondsSinceEpoch
    var days = ns / Timestamp.nanosecondsPerDay
    var rest = ns % Timestamp.nanosecondsPerDay
    if rest < 0 {
      rest += Timestamp.nanosecondsPerDay
      days -= 1
    }
    let (year, month, day) = CivilDateTime.civil(fromDays: days)
    let seconds = Int(rest / Timestamp.nanosecondsPerSecond)
    return CivilDateTime(
      year: year, month: month, day: day, hour: seconds / 3600, minute: seconds / 60 % 60, second: seconds % 60,
      nanosecond: Int(rest % Timestamp.nanosecondsPerSecond))
  }

  /// Days since 1970-01-01 of the UTC date (floor).
  public var daysSinceEpoch: Int64 {
    let days = nanosecondsSinceEpoch / Timestamp.nanosecondsPerDay
    return nanosecondsSinceEpoch % Timestamp.nanosecondsPerDay < 0 ? days - 1 : days
  }

  /// ISO 8601 in UTC: `2004-08-19T00:00:00Z`, with fractional seconds only when present.
  public var iso8601: String { civil.iso8601 }
}

/// A UTC calendar date and time of day, for parsing and printing timestamps.
public struct CivilDateTime: Sendable, Hashable {
  public var year: Int
  public var month: Int
  public var day: Int
  public var hour: Int
  public var minute: Int
  public var second: Int
  public var nanosecond: Int

  public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, nanosecond: Int = 0) {
    self.year = year
    self.month = month
    self.day = day
    self.hour = hour
    self.minute = minute
    self.second = second
    self.nanosecond = nanosecond
  }

  /// Whether every field is within its calendar range (month lengths and leap years included).
  public var isValid: Bool {
    guard (1...12).contains(month), (0...23).contains(hour), (0...59).contains(minute),
      (0...60).contains(second), (0..<1_000_000_000).contains(nanosecond)
    else { return false }
    return (1...CivilDateTime.daysIn(month: month, year: year)).contains(day)
  }

  /// Weekday with Monday = 0 … Sunday = 6 (pandas' `dayofweek`).
  public var weekday: Int {
    let days = CivilDateTime.days(fromCivil: year, month, day)
    // 1970-01-01 was a Thursday (3).
    return Int(((days % 7) + 7 + 3) % 7)
  }

  public var timestamp: Timestamp {
    let days = CivilDateTime.days(fromCivil: year, month, day)
    let seconds = Int64(hour * 3600 + minute * 60 + second)
    return Timestamp(
      nanosecondsSinceEpoch: days * Timestamp.nanosecondsPerDay + seconds * Timestamp.nanosecondsPerSecond
        + Int64(nanosecond))
  }

  public var iso8601: String {
    func pad(_ value: Int, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
    if nanosecond != 0 {
      var fraction = pad(nanosecond, 9)
      while fraction.hasSuffix("0") { fraction.removeLast() }
      text += ".\(fraction)"
    }
    return text + "Z"
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
  static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int64 {
    let y = Int64(month <= 2 ? year - 1 : year)
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let m = Int64(month)
    let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's `civil_from_days`).
  static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (Int(year), Int(month), Int(day))
  }
}
