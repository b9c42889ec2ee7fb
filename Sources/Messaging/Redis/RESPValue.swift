import NIOCore

/// One reply from a Redis server, in any of the RESP2 and RESP3 types
/// (https://redis.io/docs/latest/develop/reference/protocol-spec/).
///
/// Both protocol versions decode into this one type so that a typed command reads its reply the
/// same way whichever protocol the connection negotiated: RESP2's null bulk string and null array
/// are both `.null`, as RESP3's `_` is, and `RESPValue.pairs` reads a RESP3 map and a RESP2 flat
/// key-value array alike.
public enum RESPValue: Sendable, Hashable {
  /// `+OK`: a short status text.
  case simpleString(String)
  /// `-ERR …` or RESP3's bulk error `!`: the server refused the command.
  case error(RedisServerError)
  /// `:42`
  case integer(Int64)
  /// `$5\r\nhello`: binary-safe bytes, a slice of what the connection read.
  case bulkString(ByteBuffer)
  /// `*2\r\n…`: an ordered list.
  case array([RESPValue])
  /// RESP2 `$-1` / `*-1`, RESP3 `_`: no value (a missing key, a timed-out blocking read).
  case null
  /// RESP3 `,3.14` (also `inf`, `-inf`, `nan`).
  case double(Double)
  /// RESP3 `#t` / `#f`.
  case boolean(Bool)
  /// RESP3 `(3492890328409238509324850943850943825024385`: kept as its decimal text, since it
  /// does not fit a fixed-width integer by definition.
  case bigNumber(String)
  /// RESP3 `=15\r\ntxt:Some string`: text with a three-letter format (`txt`, `mkd`).
  case verbatimString(format: String, text: String)
  /// RESP3 `%`: key-value pairs in the order the server sent them.
  case map([RESPPair])
  /// RESP3 `~`: an unordered collection, kept in the order received.
  case set([RESPValue])
  /// RESP3 `>`: an out-of-band message (pub/sub, client tracking), never a command's reply.
  case push([RESPValue])
}

/// One key-value pair of a RESP3 map (a tuple cannot be `Hashable`).
public struct RESPPair: Sendable, Hashable {
  public var key: RESPValue
  public var value: RESPValue

  public init(key: RESPValue, value: RESPValue) {
    self.key = key
    self.value = value
  }
}

extension RESPValue {
  /// The value as text: simple, bulk and verbatim strings, integers, doubles and big numbers; nil
  /// for anything else (a null, an aggregate, an error).
  public var string: String? {
    switch self {
    case .simpleString(let text), .bigNumber(let text): text
    case .bulkString(let bytes): String(buffer: bytes)
    case .verbatimString(_, let text): text
    case .integer(let number): String(number)
    case .double(let number): String(number)
    default: nil
    }
  }

  /// The value as an integer: RESP integers, and strings holding a decimal integer (RESP2 sends
  /// some counts, such as a consumer's pending count in `XPENDING`, as bulk strings).
  public var integer: Int64? {
    switch self {
    case .integer(let number): number
    case .simpleString, .bulkString: string.flatMap { Int64($0) }
    default: nil
    }
  }

  /// The elements of an array, set or push; nil for anything else.
  public var elements: [RESPValue]? {
    switch self {
    case .array(let elements), .set(let elements), .push(let elements): elements
    default: nil
    }
  }

  /// Key-value pairs from a RESP3 map or from a RESP2 flat array `[k1, v1, k2, v2, …]`, the two
  /// shapes the same command answers with under the two protocols. Nil for an odd-length array
  /// or anything else.
  public var pairs: [RESPPair]? {
    switch self {
    case .map(let pairs): return pairs
    case .array(let elements) where elements.count.isMultiple(of: 2):
      return stride(from: 0, to: elements.count, by: 2).map { RESPPair(key: elements[$0], value: elements[$0 + 1]) }
    default: return nil
    }
  }

  /// The pairs of `pairs` keyed by their text; later keys win over earlier duplicates.
  public var dictionary: [String: RESPValue]? {
    guard let pairs else { return nil }
    var result: [String: RESPValue] = [:]
    for pair in pairs {
      if let key = pair.key.string { result[key] = pair.value }
    }
    return result
  }

  public var isNull: Bool { self == .null }

  /// The server error, when the value is one.
  public var error: RedisServerError? {
    if case .error(let error) = self { error } else { nil }
  }
}

extension RESPValue: CustomStringConvertible {
  /// A compact rendering for error messages and logs, truncated so that a huge reply cannot
  /// flood a log line.
  public var description: String {
    let full = rendered
    return full.count > 300 ? String(full.prefix(300)) + "…" : full
  }

  private var rendered: String {
    switch self {
    case .simpleString(let text): "+\(text)"
    case .error(let error): "-\(error.message)"
    case .integer(let number): ":\(number)"
    case .bulkString(let bytes): "\"\(String(buffer: bytes))\""
    case .array(let elements): "[" + elements.map(\.description).joined(separator: ", ") + "]"
    case .null: "null"
    case .double(let number): ",\(number)"
    case .boolean(let flag): flag ? "#t" : "#f"
    case .bigNumber(let text): "(\(text)"
    case .verbatimString(let format, let text): "=\(format):\(text)"
    case .map(let pairs): "{" + pairs.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
    case .set(let elements): "~[" + elements.map(\.description).joined(separator: ", ") + "]"
    case .push(let elements): ">[" + elements.map(\.description).joined(separator: ", ") + "]"
    }
  }
}
