/// Reads OHLCV bars from CSV text already in memory (the caller does the file I/O).
///
/// - Columns are found by header name, case-insensitively and in any order: `Open`, `High`,
///   `Low`, `Close`, optionally `Volume` (zero when absent) and `Adj Close`. The date is the
///   column named `Date` (or `Datetime`, `Time`, `Timestamp`), else the first column, named or
///   not — pandas' `to_csv` leaves it unnamed, as in backtesting.py's own data files.
/// - Dates: `YYYY-MM-DD`, with an optional time (`HH:MM[:SS[.fff]]`, after a space or `T`),
///   or `M/D/YYYY` with an optional `H:MM[:SS]`; taken as UTC.
/// - Lines end in LF or CRLF; blank lines are skipped; fields may be double-quoted.
/// - Prices and volumes are read exactly as decimals; more than eight fractional digits or an
///   exponent (`1e-05`) round half-to-even to eight digits, never through `Double`.
///
/// Every row is checked as backtesting.py's data is expected to be — positive prices,
/// Low ≤ Open, Close ≤ High, volume ≥ 0, timestamps strictly increasing — and the first bad
/// row stops the parse with a `BarCSVError` naming its line.
public struct BarCSVParser: Sendable {
  /// Which column becomes the bar's close.
  public enum CloseSource: Sendable, Hashable {
    /// The `Close` column; an `Adj Close` column, if any, is ignored.
    case close
    /// The `Adj Close` column. Open, High and Low are scaled by the same `Adj Close ÷ Close`
    /// factor (as yfinance's `auto_adjust` does) so that the bar stays consistent after a split
    /// or dividend adjustment; each product is rounded half-to-even to eight digits.
    case adjustedClose
  }

  public var closeSource: CloseSource

  public init(closeSource: CloseSource = .close) {
    self.closeSource = closeSource
  }

  /// Parses the bars in `text`, oldest first.
  public func parse(_ text: String) throws(BarCSVError) -> [Bar] {
    var text = text
    // `withUTF8` rethrows untyped errors; carry the typed one out in a `Result`.
    return try text.withUTF8 { bytes in Result { () throws(BarCSVError) in try parse(bytes) } }.get()
  }

  /// Parses the bars in UTF-8 (or ASCII) `bytes`, oldest first.
  public func parse(_ bytes: [UInt8]) throws(BarCSVError) -> [Bar] {
    try bytes.withUnsafeBufferPointer { (bytes) throws(BarCSVError) -> [Bar] in try parse(bytes) }
  }

  private func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(BarCSVError) -> [Bar] {
    var lines = CSVLines(bytes)
    guard let headerLine = lines.nextNonBlank() else { throw .emptyInput }
    var wanted: [BarColumn] = [.date, .open, .high, .low, .close, .volume]
    if closeSource == .adjustedClose { wanted.append(.adjustedClose) }
    let header = try CSVHeader(bytes, line: headerLine, lineNumber: lines.lineNumber, wanted: wanted)
    let headerLineNumber = lines.lineNumber
    var bars: [Bar] = []
    bars.reserveCapacity(bytes.count / 48)
    var fieldOfColumn = [Range<Int>?](repeating: nil, count: BarColumn.allCases.count)
    while let line = lines.nextNonBlank() {
      let lineNumber = lines.lineNumber
      try split(line, of: bytes, by: header, into: &fieldOfColumn, lineNumber: lineNumber)
      let row = RowReader(bytes: bytes, fieldOfColumn: fieldOfColumn, lineNumber: lineNumber)
      let bar = try makeBar(row)
      if let previous = bars.last?.timestamp, bar.timestamp <= previous {
        throw .timestampNotIncreasing(line: lineNumber, timestamp: bar.timestamp, previous: previous)
      }
      bars.append(bar)
    }
    guard !bars.isEmpty else { throw .noRows(line: headerLineNumber) }
    return bars
  }

  private func split(
    _ line: Range<Int>, of bytes: UnsafeBufferPointer<UInt8>, by header: CSVHeader,
    into fieldOfColumn: inout [Range<Int>?], lineNumber: Int
  ) throws(BarCSVError) {
    var fields = CSVFields(bytes, line: line)
    var count = 0
    while let field = fields.next() {
      if count < header.fieldCount, let column = header.columnOfField[count] {
        fieldOfColumn[column.rawValue] = field
      }
      count += 1
    }
    guard count == header.fieldCount else {
      throw .fieldCount(line: lineNumber, expected: header.fieldCount, found: count)
    }
  }

  private func makeBar(_ row: RowReader) throws(BarCSVError) -> Bar {
    let timestamp = try row.timestamp()
    var open = try row.price(.open)
    var high = try row.price(.high)
    var low = try row.price(.low)
    var close = try row.price(.close)
    let volume = try row.volume()
    guard high >= low else { throw .highBelowLow(line: row.lineNumber, high: high, low: low) }
    try row.checkWithinRange(.open, open, low: low, high: high)
    try row.checkWithinRange(.close, close, low: low, high: high)
    if closeSource == .adjustedClose {
      let adjustedClose = try row.price(.adjustedClose)
      let scale = { (price: Price) in
        Price(raw: Fixed.divideRounded(Int128(price.raw) * Int128(adjustedClose.raw), by: Int128(close.raw)))
      }
      (open, high, low, close) = (scale(open), scale(high), scale(low), adjustedClose)
      guard low.isPositive else { throw .nonPositivePrice(line: row.lineNumber, column: "adjusted Low", value: low) }
    }
    return Bar(timestamp: timestamp, open: open, high: high, low: low, close: close, volume: volume)
  }
}

/// Reads and checks the fields of one row.
private struct RowReader {
  let bytes: UnsafeBufferPointer<UInt8>
  let fieldOfColumn: [Range<Int>?]
  let lineNumber: Int

  func timestamp() throws(BarCSVError) -> Timestamp {
    let field = fieldOfColumn[BarColumn.date.rawValue]!
    guard let timestamp = DateText.parse(bytes, field) else {
      throw .unparseableDate(line: lineNumber, text: text(field))
    }
    return timestamp
  }

  func price(_ column: BarColumn) throws(BarCSVError) -> Price {
    let value = try number(column)
    guard value.isPositive else {
      throw .nonPositivePrice(line: lineNumber, column: column.displayName, value: value)
    }
    return value
  }

  func volume() throws(BarCSVError) -> Quantity {
    guard fieldOfColumn[BarColumn.volume.rawValue] != nil else { return .zero }
    let value = try number(.volume)
    guard !value.isNegative else { throw .negativeVolume(line: lineNumber, value: value) }
    return value
  }

  func checkWithinRange(_ column: BarColumn, _ value: Price, low: Price, high: Price) throws(BarCSVError) {
    guard value >= low, value <= high else {
      throw .outsideHighLow(line: lineNumber, column: column.displayName, value: value, low: low, high: high)
    }
  }

  private func number(_ column: BarColumn) throws(BarCSVError) -> Fixed {
    let field = fieldOfColumn[column.rawValue]!
    do {
      return try DecimalText.parse(bytes, field)
    } catch .missing {
      throw .missingValue(line: lineNumber, column: column.displayName)
    } catch {
      throw .nonNumeric(line: lineNumber, column: column.displayName, text: text(field))
    }
  }

  private func text(_ field: Range<Int>) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: bytes[field]), as: UTF8.self)
  }
}
