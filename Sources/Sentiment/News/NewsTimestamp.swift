import TradingCore

/// The date formats news providers write, read into `Timestamp`s: ISO 8601 (JSONL, NewsAPI,
/// Atom), RFC 822 (RSS `pubDate`) and Alpha Vantage's compact `20261125T140300`.
enum NewsTimestamp {
  /// `2026-11-25T14:03:00Z`, with optional fractional seconds (`.5`, `.123456789`) and an offset
  /// (`Z`, `+01:00`, `-0500`). A time without an offset is taken as UTC, the only zone our own
  /// files write; seconds may be left out (`2026-11-25T14:03Z`).
  static func iso8601(_ text: String) -> Timestamp? {
    var scanner = DigitScanner(text.trimmingASCIISpaces)
    guard let year = scanner.number(digits: 4), scanner.skip("-"), let month = scanner.number(digits: 2),
      scanner.skip("-"), let day = scanner.number(digits: 2), scanner.skip(anyOf: "Tt "),
      let hour = scanner.number(digits: 2), scanner.skip(":"), let minute = scanner.number(digits: 2)
    else { return nil }
    var second = 0
    var nanosecond = 0
    if scanner.skip(":") {
      guard let parsed = scanner.number(digits: 2) else { return nil }
      second = parsed
      if scanner.skip(anyOf: ".,") {
        guard let fraction = scanner.fraction() else { return nil }
        nanosecond = fraction
      }
    }
    guard let offset = scanner.isAtEnd ? 0 : scanner.isoOffset(), scanner.isAtEnd else { return nil }
    return timestamp(year, month, day, hour, minute, second, nanosecond, offsetSeconds: offset)
  }

  /// RFC 822 / RFC 1123 as RSS writes it: `Tue, 25 Nov 2026 14:03:00 GMT`, `25 Nov 2026 09:03 -0500`.
  /// The weekday is optional and not checked; two-digit years are 19xx from 50 up and 20xx below
  /// (RFC 2822 §4.3); US zone names (`EST`, `PDT`, …) are read, other names are not.
  static func rfc822(_ text: String) -> Timestamp? {
    var fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
    if let first = fields.first, first.first?.isLetter == true { fields.removeFirst() }
    guard fields.count == 4 || fields.count == 5, let day = Int(fields[0]),
      let month = monthNumbers[String(fields[1].prefix(3)).lowercased()], var year = Int(fields[2])
    else { return nil }
    if fields[2].count == 2 { year += year < 50 ? 2000 : 1900 }
    let clock = fields[3].split(separator: ":", omittingEmptySubsequences: false)
    guard clock.count == 2 || clock.count == 3, let hour = Int(clock[0]), let minute = Int(clock[1]) else {
      return nil
    }
    let second = clock.count == 3 ? Int(clock[2]) : 0
    guard let second, let offset = fields.count == 5 ? rfc822Offset(fields[4]) : 0 else { return nil }
    return timestamp(year, month, day, hour, minute, second, 0, offsetSeconds: offset)
  }

  /// Alpha Vantage's `20261125T140300` (or `20261125T1403`), taken as UTC.
  static func compact(_ text: String) -> Timestamp? {
    var scanner = DigitScanner(text.trimmingASCIISpaces)
    guard let year = scanner.number(digits: 4), let month = scanner.number(digits: 2),
      let day = scanner.number(digits: 2), scanner.skip(anyOf: "T"), let hour = scanner.number(digits: 2),
      let minute = scanner.number(digits: 2)
    else { return nil }
    let second = scanner.isAtEnd ? 0 : scanner.number(digits: 2)
    guard let second, scanner.isAtEnd else { return nil }
    return timestamp(year, month, day, hour, minute, second, 0, offsetSeconds: 0)
  }

  /// `YYYYMMDDTHHMM` in UTC, as Alpha Vantage's `time_from` wants it.
  static func compactMinutes(_ timestamp: Timestamp) -> String {
    let civil = timestamp.civil
    return
      "\(pad(civil.year, 4))\(pad(civil.month, 2))\(pad(civil.day, 2))T\(pad(civil.hour, 2))\(pad(civil.minute, 2))"
  }

  /// ISO 8601 in UTC to the second (`2026-11-25T14:03:00Z`), as NewsAPI's `from` wants it.
  static func iso8601Seconds(_ timestamp: Timestamp) -> String {
    var civil = timestamp.civil
    civil.nanosecond = 0
    return civil.iso8601
  }

  private static func timestamp(
    _ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int, _ nanosecond: Int,
    offsetSeconds: Int
  ) -> Timestamp? {
    let civil = CivilDateTime(
      year: year, month: month, day: day, hour: hour, minute: minute, second: second, nanosecond: nanosecond)
    guard civil.isValid else { return nil }
    return civil.timestamp.adding(seconds: Int64(-offsetSeconds))
  }

  private static func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }

  private static let monthNumbers: [String: Int] = [
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
  ]

  /// Hours from UTC of the zone names RFC 822 defines.
  private static let zoneHours: [String: Int] = [
    "gmt": 0, "ut": 0, "utc": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5,
    "mst": -7, "mdt": -6, "pst": -8, "pdt": -7,
  ]

  private static func rfc822Offset(_ zone: String) -> Int? {
    if let hours = zoneHours[zone.lowercased()] { return hours * 3600 }
    var scanner = DigitScanner(zone)
    guard let offset = scanner.isoOffset(), scanner.isAtEnd else { return nil }
    return offset
  }
}

/// Reads fixed-width digit fields and signs from the ASCII of a date.
private struct DigitScanner {
  private let bytes: [UInt8]
  private var index = 0

  init(_ text: some StringProtocol) { bytes = Array(text.utf8) }

  var isAtEnd: Bool { index == bytes.count }

  /// Exactly `digits` decimal digits.
  mutating func number(digits: Int) -> Int? {
    guard index + digits <= bytes.count else { return nil }
    var value = 0
    for byte in bytes[index..<index + digits] {
      guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
      value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    index += digits
    return value
  }

  /// One or more digits after a decimal point, as nanoseconds (digits past the ninth are dropped).
  mutating func fraction() -> Int? {
    var nanoseconds = 0
    var count = 0
    while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
      if count < 9 { nanoseconds = nanoseconds * 10 + Int(bytes[index] - UInt8(ascii: "0")) }
      count += 1
      index += 1
    }
    guard count > 0 else { return nil }
    for _ in count..<max(count, 9) { nanoseconds *= 10 }
    return nanoseconds
  }

  /// `Z`, `±HH:MM`, `±HHMM` or `±HH`, in seconds east of UTC.
  mutating func isoOffset() -> Int? {
    if skip(anyOf: "Zz") { return 0 }
    let sign: Int
    if skip("+") {
      sign = 1
    } else if skip("-") {
      sign = -1
    } else {
      return nil
    }
    guard let hours = number(digits: 2), hours <= 23 else { return nil }
    _ = skip(":")
    let minutes = isAtEnd ? 0 : number(digits: 2)
    guard let minutes, minutes <= 59 else { return nil }
    return sign * (hours * 3600 + minutes * 60)
  }

  mutating func skip(_ character: Character) -> Bool { skip(anyOf: String(character)) }

  mutating func skip(anyOf characters: String) -> Bool {
    guard index < bytes.count, characters.utf8.contains(bytes[index]) else { return false }
    index += 1
    return true
  }
}

extension StringProtocol {
  /// Without leading and trailing spaces, tabs and line breaks.
  var trimmingASCIISpaces: Substring {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    let string = Substring(self)
    guard let first = string.firstIndex(where: { !isSpace($0) }) else { return string[string.endIndex...] }
    let last = string.lastIndex(where: { !isSpace($0) })!
    return string[first...last]
  }
}
