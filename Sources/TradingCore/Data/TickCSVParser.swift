/// Reads ticks for replay from CSV text already in memory (the caller does the file I/O).
///
/// Two layouts:
/// - `.quotes`: rows `timestamp,symbol,bid,ask[,volume]`, an optional header line first (one
///   whose first field is `timestamp`, `time` or `date`). Timestamps are ISO dates as
///   `BarCSVParser` reads them, or integer nanoseconds since the epoch.
/// - `.barCloses(symbol:)`: an OHLCV bar file read by `BarCSVParser`; each bar's close becomes a
///   trade tick of `symbol` at the bar's time, with the bar's volume.
///
/// Only the form of each row is checked here. Whether a price is positive, a quote crossed or a
/// tick late is the `TickValidator`'s call at ingestion, so that bad rows are counted by reason
/// and the replay goes on, as for any other source (DESIGN.md §7).
public struct TickCSVParser: Sendable {
  /// What the rows hold.
  public enum Layout: Sendable, Hashable {
    case quotes
    case barCloses(symbol: String)
  }

  public var layout: Layout

  public init(layout: Layout = .quotes) { self.layout = layout }

  /// The ticks of `text`, in file order.
  public func parse(_ text: String) throws(TickCSVError) -> [Tick] {
    switch layout {
    case .barCloses(let symbol):
      do throws(BarCSVError) {
        return try BarCSVParser().parse(text).map {
          Tick.trade(symbol: symbol, timestamp: $0.timestamp, price: $0.close, volume: $0.volume)
        }
      } catch {
        throw .bars(error)
      }
    case .quotes:
      var text = text
      return try text.withUTF8 { bytes in
        Result { () throws(TickCSVError) in try TickCSVParser.parseQuotes(bytes) }
      }.get()
    }
  }

  private static func parseQuotes(_ bytes: UnsafeBufferPointer<UInt8>) throws(TickCSVError) -> [Tick] {
    var lines = CSVLines(bytes)
    var ticks: [Tick] = []
    var isFirst = true
    while let line = lines.nextNonBlank() {
      var fields: [Range<Int>] = []
      var splitter = CSVFields(bytes, line: line)
      while let field = splitter.next() { fields.append(field) }
      defer { isFirst = false }
      if isFirst, isHeader(text(bytes, fields[0])) { continue }
      ticks.append(try tick(bytes, fields, line: lines.lineNumber))
    }
    guard !ticks.isEmpty else { throw .noRows }
    return ticks
  }

  private static func tick(_ bytes: UnsafeBufferPointer<UInt8>, _ fields: [Range<Int>], line: Int)
    throws(TickCSVError) -> Tick
  {
    guard (4...5).contains(fields.count) else { throw .fieldCount(line: line, found: fields.count) }
    let timestampText = text(bytes, fields[0])
    guard
      let timestamp = Int64(timestampText).map(Timestamp.init(nanosecondsSinceEpoch:))
        ?? DateText.parse(bytes, fields[0])
    else { throw .unparseableTimestamp(line: line, text: timestampText) }
    let symbol = text(bytes, fields[1])
    guard !symbol.isEmpty else { throw .missingSymbol(line: line) }
    func number(_ index: Int, _ column: String) throws(TickCSVError) -> Fixed {
      do {
        return try DecimalText.parse(bytes, fields[index])
      } catch {
        throw .nonNumeric(line: line, column: column, text: text(bytes, fields[index]))
      }
    }
    let bid = try number(2, "bid")
    let ask = try number(3, "ask")
    let volume = fields.count == 5 ? try number(4, "volume") : Quantity.zero
    return Tick(symbol: symbol, timestamp: timestamp, bid: bid, ask: ask, volume: volume)
  }

  private static func isHeader(_ firstField: String) -> Bool {
    ["timestamp", "time", "date"].contains(firstField.lowercased())
  }

  private static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ field: Range<Int>) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: bytes[field]), as: UTF8.self)
  }
}
