/// The columns a bar is built from.
enum BarColumn: Int, CaseIterable {
  case date, open, high, low, close, volume, adjustedClose

  /// The name used in error messages.
  var displayName: String {
    switch self {
    case .date: "Date"
    case .open: "Open"
    case .high: "High"
    case .low: "Low"
    case .close: "Close"
    case .volume: "Volume"
    case .adjustedClose: "Adj Close"
    }
  }

  /// Header names (lower-cased) that denote the column.
  var headerNames: [String] {
    switch self {
    case .date: ["date", "datetime", "time", "timestamp"]
    case .open: ["open"]
    case .high: ["high"]
    case .low: ["low"]
    case .close: ["close"]
    case .volume: ["volume"]
    case .adjustedClose: ["adj close", "adj_close", "adjclose", "adjusted close"]
    }
  }
}

/// Which field of a row feeds which bar column, found from the header line.
///
/// Names match case-insensitively in any order. The date is the column named `Date` (or
/// `Datetime`, `Time`, `Timestamp`), else the first column whatever its name — pandas writes
/// the index unnamed (`,Open,High,...`), as backtesting.py's own data files have it.
struct CSVHeader {
  /// Number of fields every row must have.
  let fieldCount: Int
  /// For each field of a row, the column it feeds, or `nil` when the field is not used.
  let columnOfField: [BarColumn?]

  init(_ bytes: UnsafeBufferPointer<UInt8>, line: Range<Int>, lineNumber: Int, wanted: [BarColumn])
    throws(BarCSVError)
  {
    var names: [String] = []
    var fields = CSVFields(bytes, line: line)
    while let field = fields.next() {
      names.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[field]), as: UTF8.self).lowercased())
    }
    var columnOfField = [BarColumn?](repeating: nil, count: names.count)
    for column in wanted {
      if let field = names.firstIndex(where: column.headerNames.contains), columnOfField[field] == nil {
        columnOfField[field] = column
      } else if column == .date, let first = names.indices.first, columnOfField[first] == nil,
        !BarColumn.allCases.contains(where: { $0.headerNames.contains(names[first]) })
      {
        columnOfField[first] = .date
      } else if column != .volume {
        throw .missingColumn(line: lineNumber, name: column.displayName)
      }
    }
    fieldCount = names.count
    self.columnOfField = columnOfField
  }
}
