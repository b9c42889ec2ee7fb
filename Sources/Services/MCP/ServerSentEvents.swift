/// One event of a `text/event-stream` body.
public struct ServerSentEvent: Sendable, Hashable {
  public var event: String?
  public var id: String?
  /// The `data:` lines joined with newlines.
  public var data: String

  public init(event: String?, id: String?, data: String) {
    self.event = event
    self.id = id
    self.data = data
  }
}

/// Reads a `text/event-stream` body chunk by chunk, as the HTML Living Standard's event-stream
/// interpretation describes it: lines end in LF, CRLF or CR; `data:` lines accumulate, joined by
/// LF; a blank line dispatches the event; lines starting with `:` are comments; one space after
/// the colon is dropped. A chunk may end anywhere, even inside a CRLF or a UTF-8 character.
public struct ServerSentEventReader: Sendable {
  private var line: [UInt8] = []
  private var lastWasCarriageReturn = false
  private var data: [String] = []
  private var event: String?
  private var id: String?
  /// The longest line kept; a longer one is an error rather than unbounded memory.
  public let maximumLineBytes: Int

  /// A line longer than the limit.
  public struct LineTooLong: Error, CustomStringConvertible {
    public let limit: Int
    public var description: String { "an event-stream line is longer than \(limit) bytes" }
  }

  public init(maximumLineBytes: Int = 16 << 20) { self.maximumLineBytes = maximumLineBytes }

  /// Feeds the next bytes; returns the events they complete.
  public mutating func read(_ bytes: some Sequence<UInt8>) throws(LineTooLong) -> [ServerSentEvent] {
    var events: [ServerSentEvent] = []
    for byte in bytes {
      switch byte {
      case UInt8(ascii: "\n") where lastWasCarriageReturn:
        lastWasCarriageReturn = false
      case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
        lastWasCarriageReturn = byte == UInt8(ascii: "\r")
        if let event = endLine() { events.append(event) }
      default:
        lastWasCarriageReturn = false
        guard line.count < maximumLineBytes else { throw LineTooLong(limit: maximumLineBytes) }
        line.append(byte)
      }
    }
    return events
  }

  private mutating func endLine() -> ServerSentEvent? {
    defer { line.removeAll(keepingCapacity: true) }
    guard !line.isEmpty else { return dispatch() }
    guard line.first != UInt8(ascii: ":") else { return nil }
    let colon = line.firstIndex(of: UInt8(ascii: ":"))
    let field = String(decoding: line[..<(colon ?? line.endIndex)], as: UTF8.self)
    var valueStart = colon.map { line.index(after: $0) } ?? line.endIndex
    if valueStart < line.endIndex, line[valueStart] == UInt8(ascii: " ") { valueStart += 1 }
    let value = String(decoding: line[valueStart...], as: UTF8.self)
    switch field {
    case "data": data.append(value)
    case "event": event = value
    case "id" where !value.contains("\0"): id = value
    default: break  // `retry` and unknown fields do not concern a one-shot reader
    }
    return nil
  }

  private mutating func dispatch() -> ServerSentEvent? {
    defer {
      data.removeAll()
      event = nil
    }
    guard !data.isEmpty else { return nil }
    return ServerSentEvent(event: event, id: id, data: data.joined(separator: "\n"))
  }
}
