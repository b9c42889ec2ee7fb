/// Why bytes from the server are not valid RESP, or exceed what `RESPParserLimits` allows.
///
/// Any of these means the byte stream can no longer be trusted to line up with the commands sent,
/// so the connection that read them is closed and every command in flight on it fails.
public enum RESPParseError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A value started with a byte that is no RESP2 or RESP3 type marker.
  case unknownType(byte: UInt8)
  /// A line (simple string, error, number, length) did not end in CRLF, or was not valid here.
  case malformedLine(String)
  /// An integer or length that is not a decimal number in range.
  case invalidNumber(String)
  /// A length below -1 or, for `-1`, on a type that has no null form.
  case invalidLength(Int64)
  /// A bulk payload not followed by CRLF.
  case missingTerminator
  /// A bulk string longer than `RESPParserLimits.maxBulkLength`.
  case bulkTooLong(length: Int64, limit: Int)
  /// An aggregate with more elements than `RESPParserLimits.maxAggregateElements`.
  case tooManyElements(count: Int64, limit: Int)
  /// Aggregates nested deeper than `RESPParserLimits.maxDepth`.
  case nestingTooDeep(limit: Int)
  /// A line longer than `RESPParserLimits.maxLineLength` without its CRLF.
  case lineTooLong(limit: Int)
  /// RESP3 streamed strings and aggregates (`$?`, `*?`): Redis never sends them, so neither do we
  /// accept them.
  case streamedTypeUnsupported

  public var description: String {
    switch self {
    case .unknownType(let byte): "unknown RESP type byte 0x\(String(byte, radix: 16))"
    case .malformedLine(let line): "malformed RESP line `\(line.prefix(80))`"
    case .invalidNumber(let text): "invalid RESP number `\(text.prefix(80))`"
    case .invalidLength(let length): "invalid RESP length \(length)"
    case .missingTerminator: "RESP bulk payload not followed by CRLF"
    case .bulkTooLong(let length, let limit): "RESP bulk string of \(length) bytes exceeds the limit of \(limit)"
    case .tooManyElements(let count, let limit):
      "RESP aggregate of \(count) elements exceeds the limit of \(limit)"
    case .nestingTooDeep(let limit): "RESP aggregates nested deeper than \(limit)"
    case .lineTooLong(let limit): "RESP line longer than \(limit) bytes"
    case .streamedTypeUnsupported: "RESP3 streamed strings and aggregates are not supported"
    }
  }
}
