/// A span of time in whole nanoseconds, printed as pandas prints a `Timedelta`
/// (`3116 days 00:00:00`), so that statistics tables read like backtesting.py's.
public struct ElapsedTime: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var nanoseconds: Int64

  public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

  /// The span from `start` to `end`.
  public init(from start: Timestamp, to end: Timestamp) {
    nanoseconds = end.nanosecondsSinceEpoch - start.nanosecondsSinceEpoch
  }

  public var seconds: Double { Double(nanoseconds) / Double(Timestamp.nanosecondsPerSecond) }

  /// Whole days, rounded toward minus infinity (pandas' `Timedelta.days`).
  public var wholeDays: Int64 { floorDivide(nanoseconds, Timestamp.nanosecondsPerDay) }

  /// The smallest multiple of `unit` not below this span (pandas' `Timedelta.ceil`).
  func rounded(upToMultipleOf unit: Int64) -> ElapsedTime {
    ElapsedTime(nanoseconds: -floorDivide(-nanoseconds, unit) * unit)
  }

  public static func < (lhs: ElapsedTime, rhs: ElapsedTime) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

  /// `D days HH:MM:SS`, with `.ffffff` or `.fffffffff` when there is a fraction of a second;
  /// a negative span reads `-1 days +23:00:00`, as in pandas.
  public var description: String {
    let days = wholeDays
    let rest = nanoseconds - days * Timestamp.nanosecondsPerDay
    let seconds = rest / Timestamp.nanosecondsPerSecond
    let fraction = rest % Timestamp.nanosecondsPerSecond
    var text = "\(days) days \(days < 0 ? "+" : "")"
    text += "\(twoDigits(seconds / 3600)):\(twoDigits(seconds / 60 % 60)):\(twoDigits(seconds % 60))"
    if fraction != 0 {
      text += fraction % 1000 == 0 ? "." + padded(fraction / 1000, width: 6) : "." + padded(fraction, width: 9)
    }
    return text
  }

  private func twoDigits(_ value: Int64) -> String { padded(value, width: 2) }

  private func padded(_ value: Int64, width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }

  private func floorDivide(_ numerator: Int64, _ denominator: Int64) -> Int64 {
    let quotient = numerator / denominator
    return numerator % denominator < 0 ? quotient - 1 : quotient
  }
}
