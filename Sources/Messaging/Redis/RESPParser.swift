import NIOCore

/// Turns bytes read from a Redis connection into `RESPValue`s, one complete reply at a time,
/// however the bytes were split across reads.
///
/// Incremental without re-scanning: an open aggregate waits on `openAggregates` with the elements
/// it has so far, a bulk string whose header was read waits in `awaitedBulk` for its payload, and
/// the search for a line's CRLF resumes where the last read left it. So every byte is looked at a
/// bounded number of times even when a large reply arrives one byte per read, and a peer cannot make
/// the parser quadratic. Nesting is an explicit stack, not recursion, so depth costs no call stack;
/// `RESPParserLimits` bounds depth, lengths and counts, and past them (or on any malformed byte)
/// `next()` throws. After it throws the parser must be discarded, and with it the connection.
///
/// Attributes (RESP3 `|`) are read and dropped: they annotate the value that follows and no command
/// of this module uses them.
public struct RESPParser {
  private enum AggregateKind { case array, set, push, map, attribute }
  private enum BulkKind { case string, error, verbatim }

  private struct OpenAggregate {
    var kind: AggregateKind
    /// Elements still to come; pairs count as two.
    var expected: Int
    var elements: [RESPValue]
  }

  /// What one header line asked for.
  private enum LineOutcome {
    case value(RESPValue)
    case openedAggregate
    case awaitingBulk
    case droppedAttribute
  }

  private static let carriageReturn = UInt8(ascii: "\r")
  private static let lineFeed = UInt8(ascii: "\n")

  public let limits: RESPParserLimits
  private var buffer = ByteBuffer()
  private var openAggregates: [OpenAggregate] = []
  private var awaitedBulk: (kind: BulkKind, length: Int)?
  /// Bytes of the current line already searched for its line feed.
  private var lineBytesScanned = 0

  public init(limits: RESPParserLimits = .default) {
    self.limits = limits
  }

  /// Bytes received and not yet turned into a complete value.
  public var bufferedByteCount: Int { buffer.readableBytes }

  /// Adds bytes as they came off the connection.
  public mutating func append(_ bytes: ByteBuffer) {
    var bytes = bytes
    if buffer.readableBytes == 0 {
      buffer = bytes
      return
    }
    // Reclaim the consumed prefix once it dominates, so a long-lived connection's buffer stays
    // about the size of one partial reply.
    if buffer.readerIndex > 65_536 && buffer.readerIndex > buffer.readableBytes { buffer.discardReadBytes() }
    buffer.writeBuffer(&bytes)
  }

  /// The next complete top-level value, or nil until more bytes arrive.
  public mutating func next() throws(RESPParseError) -> RESPValue? {
    while true {
      let value: RESPValue
      if let bulk = awaitedBulk {
        guard let payload = try readBulkPayload(kind: bulk.kind, length: bulk.length) else { return nil }
        awaitedBulk = nil
        value = payload
      } else {
        guard var line = try readLine() else { return nil }
        switch try interpret(&line) {
        case .value(let scalar): value = scalar
        case .openedAggregate, .awaitingBulk, .droppedAttribute: continue
        }
      }
      if let complete = try attach(value) { return complete }
    }
  }

  // MARK: - Lines

  /// The next line without its CRLF, or nil when its line feed has not arrived yet.
  private mutating func readLine() throws(RESPParseError) -> ByteBuffer? {
    let readable = buffer.readableBytes
    guard readable > 0 else { return nil }
    // Refuse garbage at its first byte rather than after a whole line of it.
    if lineBytesScanned == 0, let first = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self),
      !Self.isTypeMarker(first)
    {
      throw .unknownType(byte: first)
    }
    let found = buffer.withUnsafeReadableBytes { bytes in
      bytes[lineBytesScanned...].firstIndex(of: Self.lineFeed)
    }
    guard let lineFeedOffset = found else {
      lineBytesScanned = readable
      if readable > limits.maxLineLength + 2 { throw .lineTooLong(limit: limits.maxLineLength) }
      return nil
    }
    lineBytesScanned = 0
    guard lineFeedOffset >= 2,
      buffer.getInteger(at: buffer.readerIndex + lineFeedOffset - 1, as: UInt8.self) == Self.carriageReturn
    else {
      let text = buffer.getString(at: buffer.readerIndex, length: lineFeedOffset) ?? ""
      throw .malformedLine(text)
    }
    if lineFeedOffset - 1 > limits.maxLineLength { throw .lineTooLong(limit: limits.maxLineLength) }
    let line = buffer.readSlice(length: lineFeedOffset - 1)!
    buffer.moveReaderIndex(forwardBy: 2)
    return line
  }

  private static func isTypeMarker(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "$"), UInt8(ascii: "*"),
      UInt8(ascii: "_"), UInt8(ascii: ","), UInt8(ascii: "#"), UInt8(ascii: "("), UInt8(ascii: "!"),
      UInt8(ascii: "="), UInt8(ascii: "%"), UInt8(ascii: "~"), UInt8(ascii: ">"), UInt8(ascii: "|"):
      true
    default: false
    }
  }

  /// Reads one header line: a whole scalar, or the start of a bulk string or an aggregate.
  private mutating func interpret(_ line: inout ByteBuffer) throws(RESPParseError) -> LineOutcome {
    let marker = line.readInteger(as: UInt8.self)!
    let rest = line.readString(length: line.readableBytes) ?? ""
    switch marker {
    case UInt8(ascii: "+"): return .value(.simpleString(rest))
    case UInt8(ascii: "-"): return .value(.error(RedisServerError(message: rest)))
    case UInt8(ascii: ":"): return .value(.integer(try Self.number(rest)))
    case UInt8(ascii: "_"):
      guard rest.isEmpty else { throw .malformedLine("_" + rest) }
      return .value(.null)
    case UInt8(ascii: ","): return .value(.double(try Self.double(rest)))
    case UInt8(ascii: "#"):
      switch rest {
      case "t": return .value(.boolean(true))
      case "f": return .value(.boolean(false))
      default: throw .malformedLine("#" + rest)
      }
    case UInt8(ascii: "("):
      guard Self.isDecimalInteger(rest) else { throw .invalidNumber(rest) }
      return .value(.bigNumber(rest))
    case UInt8(ascii: "$"): return try startBulk(.string, lengthText: rest, nullable: true)
    case UInt8(ascii: "!"): return try startBulk(.error, lengthText: rest, nullable: false)
    case UInt8(ascii: "="): return try startBulk(.verbatim, lengthText: rest, nullable: false)
    case UInt8(ascii: "*"): return try startAggregate(.array, countText: rest, nullable: true)
    case UInt8(ascii: "~"): return try startAggregate(.set, countText: rest, nullable: false)
    case UInt8(ascii: ">"): return try startAggregate(.push, countText: rest, nullable: false)
    case UInt8(ascii: "%"): return try startAggregate(.map, countText: rest, nullable: false)
    case UInt8(ascii: "|"): return try startAggregate(.attribute, countText: rest, nullable: false)
    default: throw .unknownType(byte: marker)
    }
  }

  // MARK: - Bulk strings

  private mutating func startBulk(_ kind: BulkKind, lengthText: String, nullable: Bool) throws(RESPParseError)
    -> LineOutcome
  {
    if lengthText == "?" { throw .streamedTypeUnsupported }
    let length = try Self.number(lengthText)
    if length == -1 && nullable { return .value(.null) }
    guard length >= 0 else { throw .invalidLength(length) }
    guard length <= limits.maxBulkLength else { throw .bulkTooLong(length: length, limit: limits.maxBulkLength) }
    awaitedBulk = (kind, Int(length))
    return .awaitingBulk
  }

  /// The bulk payload and its CRLF, or nil until all of it has arrived.
  private mutating func readBulkPayload(kind: BulkKind, length: Int) throws(RESPParseError) -> RESPValue? {
    guard buffer.readableBytes >= length + 2 else { return nil }
    let payload = buffer.readSlice(length: length)!
    guard buffer.readInteger(as: UInt8.self) == Self.carriageReturn, buffer.readInteger(as: UInt8.self) == Self.lineFeed
    else { throw .missingTerminator }
    switch kind {
    case .string:
      return .bulkString(payload)
    case .error:
      return .error(RedisServerError(message: String(buffer: payload)))
    case .verbatim:
      let text = String(buffer: payload)
      guard payload.readableBytes >= 4, payload.getInteger(at: payload.readerIndex + 3, as: UInt8.self) == 58 else {
        throw .malformedLine("=" + text)
      }
      return .verbatimString(format: String(text.prefix(3)), text: String(text.dropFirst(4)))
    }
  }

  // MARK: - Aggregates

  private mutating func startAggregate(_ kind: AggregateKind, countText: String, nullable: Bool)
    throws(RESPParseError) -> LineOutcome
  {
    if countText == "?" { throw .streamedTypeUnsupported }
    let count = try Self.number(countText)
    if count == -1 && nullable { return .value(.null) }
    guard count >= 0 else { throw .invalidLength(count) }
    let perEntry: Int64 = (kind == .map || kind == .attribute) ? 2 : 1
    guard count <= Int64(limits.maxAggregateElements) / perEntry else {
      throw .tooManyElements(count: count, limit: limits.maxAggregateElements)
    }
    let expected = Int(count * perEntry)
    if expected == 0 {
      return kind == .attribute ? .droppedAttribute : .value(Self.aggregate(kind, elements: []))
    }
    guard openAggregates.count < limits.maxDepth else { throw .nestingTooDeep(limit: limits.maxDepth) }
    // Reserve no more than a small amount up front: the count is the peer's claim, the elements
    // are what actually arrives.
    var elements: [RESPValue] = []
    elements.reserveCapacity(min(expected, 1_024))
    openAggregates.append(OpenAggregate(kind: kind, expected: expected, elements: elements))
    return .openedAggregate
  }

  /// Adds a finished value to the innermost open aggregate, closing every aggregate it completes.
  /// Returns the top-level value once one is complete.
  private mutating func attach(_ value: RESPValue) throws(RESPParseError) -> RESPValue? {
    var finished = value
    while !openAggregates.isEmpty {
      let innermost = openAggregates.count - 1
      openAggregates[innermost].elements.append(finished)
      guard openAggregates[innermost].elements.count == openAggregates[innermost].expected else { return nil }
      let closed = openAggregates.removeLast()
      // An attribute annotates the value after it: drop it and let that value take its place.
      if closed.kind == .attribute { return nil }
      finished = Self.aggregate(closed.kind, elements: closed.elements)
    }
    return finished
  }

  private static func aggregate(_ kind: AggregateKind, elements: [RESPValue]) -> RESPValue {
    switch kind {
    case .array: return .array(elements)
    case .set: return .set(elements)
    case .push: return .push(elements)
    case .map, .attribute:
      return .map(
        stride(from: 0, to: elements.count, by: 2).map { RESPPair(key: elements[$0], value: elements[$0 + 1]) })
    }
  }

  // MARK: - Numbers

  private static func number(_ text: String) throws(RESPParseError) -> Int64 {
    guard isDecimalInteger(text), let value = Int64(text) else { throw .invalidNumber(text) }
    return value
  }

  private static func isDecimalInteger(_ text: String) -> Bool {
    let digits = text.utf8.first == UInt8(ascii: "-") ? text.utf8.dropFirst() : text.utf8[...]
    return !digits.isEmpty && digits.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
  }

  private static func double(_ text: String) throws(RESPParseError) -> Double {
    switch text {
    case "inf": return .infinity
    case "-inf": return -.infinity
    case "nan": return .nan
    default:
      guard !text.isEmpty, text.utf8.allSatisfy({ "0123456789+-.eE".utf8.contains($0) }), let value = Double(text)
      else { throw .invalidNumber(text) }
      return value
    }
  }
}
