/// Why a CSV text could not be read as ticks, with the 1-based line where the problem is.
public enum TickCSVError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The text holds nothing but blank lines (or only a header).
  case noRows
  /// A row has fewer than four or more than five fields.
  case fieldCount(line: Int, found: Int)
  /// The timestamp matches none of the accepted layouts.
  case unparseableTimestamp(line: Int, text: String)
  /// The symbol field is empty.
  case missingSymbol(line: Int)
  /// A bid, ask or volume field is empty or not a decimal number in range.
  case nonNumeric(line: Int, column: String, text: String)
  /// The bar file behind a bar replay is malformed.
  case bars(BarCSVError)

  /// The 1-based line of the text where the problem was found.
  public var line: Int {
    switch self {
    case .noRows: 1
    case .fieldCount(let line, _), .unparseableTimestamp(let line, _), .missingSymbol(let line),
      .nonNumeric(let line, _, _):
      line
    case .bars(let error): error.line
    }
  }

  /// What is wrong, in a user's words: `line 4: ask (x) is not a number in range`.
  public var description: String {
    switch self {
    case .noRows: "line 1: the text holds no tick rows"
    case .fieldCount(let line, let found):
      "line \(line): \(found) fields where a tick has timestamp,symbol,bid,ask[,volume]"
    case .unparseableTimestamp(let line, let text):
      "line \(line): timestamp (\(text)) is not YYYY-MM-DD[THH:MM[:SS[.f]]][Z] or integer nanoseconds"
    case .missingSymbol(let line): "line \(line): the symbol is empty"
    case .nonNumeric(let line, let column, let text): "line \(line): \(column) (\(text)) is not a number in range"
    case .bars(let error): error.description
    }
  }
}
