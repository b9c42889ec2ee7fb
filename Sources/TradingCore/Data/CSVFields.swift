/// Splits CSV text into lines and fields by byte offsets, without copying.
///
/// Lines end in LF or CRLF; a field may be wrapped in double quotes (its commas then belong to
/// it); spaces around a field are trimmed. That covers every OHLCV export we take, which quote
/// at most a header name or a date.
struct CSVLines {
  let bytes: UnsafeBufferPointer<UInt8>
  private var index: Int
  private(set) var lineNumber = 0

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
    let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
    index = bytes.starts(with: byteOrderMark) ? 3 : 0
  }

  /// The next line that holds more than spaces, without its line end; `lineNumber` is its 1-based number.
  mutating func nextNonBlank() -> Range<Int>? {
    while index < bytes.count {
      lineNumber += 1
      let start = index
      var end = start
      while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
      index = end + 1
      if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
      let line = CSVFields.trimmed(bytes, start..<end)
      if !line.isEmpty { return start..<end }
    }
    return nil
  }
}

/// The fields of one line, in order.
struct CSVFields: IteratorProtocol {
  let bytes: UnsafeBufferPointer<UInt8>
  private var index: Int
  private let end: Int
  private var finished = false

  init(_ bytes: UnsafeBufferPointer<UInt8>, line: Range<Int>) {
    self.bytes = bytes
    index = line.lowerBound
    end = line.upperBound
  }

  /// The next field's content: trimmed, and inside its quotes when quoted.
  mutating func next() -> Range<Int>? {
    guard !finished else { return nil }
    var start = index
    while start < end, bytes[start] == UInt8(ascii: " ") { start += 1 }
    var stop = start
    let content: Range<Int>
    if start < end, bytes[start] == UInt8(ascii: "\"") {
      stop = start + 1
      while stop < end, bytes[stop] != UInt8(ascii: "\"") { stop += 1 }
      content = start + 1..<stop
      while stop < end, bytes[stop] != UInt8(ascii: ",") { stop += 1 }
    } else {
      while stop < end, bytes[stop] != UInt8(ascii: ",") { stop += 1 }
      content = CSVFields.trimmed(bytes, start..<stop)
    }
    if stop < end {
      index = stop + 1
    } else {
      finished = true
    }
    return content
  }

  /// `range` without leading and trailing spaces and tabs.
  static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
    var lower = range.lowerBound
    var upper = range.upperBound
    while lower < upper, bytes[lower] == UInt8(ascii: " ") || bytes[lower] == UInt8(ascii: "\t") { lower += 1 }
    while upper > lower, bytes[upper - 1] == UInt8(ascii: " ") || bytes[upper - 1] == UInt8(ascii: "\t") {
      upper -= 1
    }
    return lower..<upper
  }
}
