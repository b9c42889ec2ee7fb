/// Reads a bar's date field in ASCII as a UTC `Timestamp`.
///
/// Accepted layouts, the ones data vendors and pandas' `to_csv` write:
/// - `YYYY-MM-DD`, optionally followed by a space or `T` and `HH:MM`, `HH:MM:SS` or
///   `HH:MM:SS.fraction` (up to nine digits), optionally ending in `Z`;
/// - `M/D/YYYY` (one or two digits for month and day), optionally followed by a space and
///   `H:MM` or `H:MM:SS`.
///
/// Times are taken as UTC, as backtesting.py takes a naive index. Years are limited to
/// 1678…2261, the span nanoseconds since 1970 can hold in an `Int64`.
enum DateText {
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Timestamp? {
    var cursor = Cursor(bytes: bytes, index: range.lowerBound, end: range.upperBound)
    guard var civil = cursor.isoDate() ?? usDate(bytes, range, cursor: &cursor) else { return nil }
    if !cursor.isAtEnd {
      guard cursor.skip(UInt8(ascii: " ")) || cursor.skip(UInt8(ascii: "T")),
        cursor.timeOfDay(into: &civil)
      else { return nil }
    }
    _ = cursor.skip(UInt8(ascii: "Z"))
    guard cursor.isAtEnd, (1678...2261).contains(civil.year), civil.isValid else { return nil }
    return civil.timestamp
  }

  private static func usDate(
    _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, cursor: inout Cursor
  ) -> CivilDateTime? {
    cursor = Cursor(bytes: bytes, index: range.lowerBound, end: range.upperBound)
    guard let month = cursor.number(digits: 1...2), cursor.skip(UInt8(ascii: "/")),
      let day = cursor.number(digits: 1...2), cursor.skip(UInt8(ascii: "/")),
      let year = cursor.number(digits: 4...4)
    else { return nil }
    return CivilDateTime(year: year, month: month, day: day)
  }

  /// A read position over the field's bytes.
  private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index: Int
    let end: Int

    var isAtEnd: Bool { index == end }

    mutating func skip(_ byte: UInt8) -> Bool {
      guard index < end, bytes[index] == byte else { return false }
      index += 1
      return true
    }

    /// A run of decimal digits whose length lies in `digits`.
    mutating func number(digits: ClosedRange<Int>) -> Int? {
      var value = 0
      var count = 0
      while index < end, count < digits.upperBound, bytes[index] &- UInt8(ascii: "0") < 10 {
        value = value * 10 + Int(bytes[index] &- UInt8(ascii: "0"))
        count += 1
        index += 1
      }
      return digits.contains(count) ? value : nil
    }

    /// `YYYY-MM-DD`; leaves the cursor unchanged when the field does not start that way.
    mutating func isoDate() -> CivilDateTime? {
      let start = index
      guard let year = number(digits: 4...4), skip(UInt8(ascii: "-")),
        let month = number(digits: 2...2), skip(UInt8(ascii: "-")),
        let day = number(digits: 2...2)
      else {
        index = start
        return nil
      }
      return CivilDateTime(year: year, month: month, day: day)
    }

    /// `H:MM`, `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fraction`.
    mutating func timeOfDay(into civil: inout CivilDateTime) -> Bool {
      guard let hour = number(digits: 1...2), skip(UInt8(ascii: ":")), let minute = number(digits: 2...2) else {
        return false
      }
      civil.hour = hour
      civil.minute = minute
      guard skip(UInt8(ascii: ":")) else { return true }
      guard let second = number(digits: 2...2) else { return false }
      civil.second = second
      guard skip(UInt8(ascii: ".")) else { return true }
      let fractionStart = index
      guard let fraction = number(digits: 1...9) else { return false }
      var nanosecond = fraction
      for _ in (index - fractionStart)..<9 { nanosecond *= 10 }
      civil.nanosecond = nanosecond
      return true
    }
  }
}
