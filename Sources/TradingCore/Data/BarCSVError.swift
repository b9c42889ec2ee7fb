/// Why a CSV text could not be read as bars, with the 1-based line where the problem is.
///
/// The parser knows no file name; the caller that read the file prefixes it, so a user sees
/// `GOOG.csv: line 17: High (9.5) is below Low (10.1)` and can fix the row.
public enum BarCSVError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The text holds no header (nothing but blank lines).
  case emptyInput
  /// The header is followed by no data rows.
  case noRows(line: Int)
  /// A required column (`Open`, `High`, `Low`, `Close`, the date, or `Adj Close` when asked for) is absent.
  case missingColumn(line: Int, name: String)
  /// A row has a different number of fields than the header.
  case fieldCount(line: Int, expected: Int, found: Int)
  /// A field is empty or reads `NaN`/`null`.
  case missingValue(line: Int, column: String)
  /// A field is not a decimal number, or one outside ±92 billion.
  case nonNumeric(line: Int, column: String, text: String)
  /// The date field matches none of the accepted layouts, or names no real calendar date.
  case unparseableDate(line: Int, text: String)
  /// A price is zero or negative.
  case nonPositivePrice(line: Int, column: String, value: Price)
  /// The bar's High is below its Low.
  case highBelowLow(line: Int, high: Price, low: Price)
  /// Open or Close lies outside the bar's [Low, High] range.
  case outsideHighLow(line: Int, column: String, value: Price, low: Price, high: Price)
  /// The volume is negative.
  case negativeVolume(line: Int, value: Quantity)
  /// The row's timestamp is not later than the previous row's (duplicates included).
  case timestampNotIncreasing(line: Int, timestamp: Timestamp, previous: Timestamp)

  /// The 1-based line of the text where the problem was found.
  public var line: Int {
    switch self {
    case .emptyInput: 1
    case .noRows(let line), .missingColumn(let line, _), .fieldCount(let line, _, _), .missingValue(let line, _),
      .nonNumeric(let line, _, _), .unparseableDate(let line, _), .nonPositivePrice(let line, _, _),
      .highBelowLow(let line, _, _), .outsideHighLow(let line, _, _, _, _), .negativeVolume(let line, _),
      .timestampNotIncreasing(let line, _, _):
      line
    }
  }

  /// What is wrong, in a user's words: `line 17: High (9.5) is below Low (10.1)`.
  public var description: String { "line \(line): \(reason)" }

  private var reason: String {
    switch self {
    case .emptyInput:
      "the text is empty"
    case .noRows:
      "the header is followed by no rows"
    case .missingColumn(_, let name):
      "no \(name) column in the header"
    case .fieldCount(_, let expected, let found):
      "\(found) fields where the header has \(expected)"
    case .missingValue(_, let column):
      "\(column) is missing"
    case .nonNumeric(_, let column, let text):
      "\(column) (\(text)) is not a number in range"
    case .unparseableDate(_, let text):
      "date (\(text)) is not YYYY-MM-DD[ HH:MM[:SS]] or M/D/YYYY[ H:MM[:SS]]"
    case .nonPositivePrice(_, let column, let value):
      "\(column) (\(value)) is not a positive price"
    case .highBelowLow(_, let high, let low):
      "High (\(high)) is below Low (\(low))"
    case .outsideHighLow(_, let column, let value, let low, let high):
      "\(column) (\(value)) is outside Low…High (\(low)…\(high))"
    case .negativeVolume(_, let value):
      "Volume (\(value)) is negative"
    case .timestampNotIncreasing(_, let timestamp, let previous):
      "time \(timestamp.iso8601) is not after the previous row's \(previous.iso8601)"
    }
  }
}
