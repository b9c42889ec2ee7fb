import Services
import Testing

/// The event-stream reader against the HTML Living Standard's rules, whatever the chunking.
@Suite struct ServerSentEventReaderTests {
  static let stream =
    ": a comment\r\nid: 1_1\r\ndata:\r\n\r\nid: 1_2\nevent: message\ndata: {\"a\":1}\ndata:  two spaces\n\n"
    + "data: é unicode\rdata\r\rretry: 10\nunknown: x\n\n"

  /// An empty `data:` line still makes an event (of empty data): the transport skips those,
  /// such as the priming event a server sends first.
  static let expected = [
    ServerSentEvent(event: nil, id: "1_1", data: ""),
    ServerSentEvent(event: "message", id: "1_2", data: "{\"a\":1}\n two spaces"),
    ServerSentEvent(event: nil, id: "1_2", data: "é unicode\n"),
  ]

  @Test func readsEventsWithEveryLineEndingAndCommentsAndUnknownFields() throws {
    var reader = ServerSentEventReader()
    #expect(try reader.read(Array(Self.stream.utf8)) == Self.expected)
  }

  @Test func givesTheSameEventsWhereverTheChunksSplit() throws {
    let bytes = Array(Self.stream.utf8)
    for split in 0...bytes.count {
      var reader = ServerSentEventReader()
      let events = try reader.read(bytes[..<split]) + reader.read(bytes[split...])
      #expect(events == Self.expected, "split at \(split)")
    }
    var byteByByte = ServerSentEventReader()
    #expect(try bytes.flatMap { try byteByByte.read([$0]) } == Self.expected)
  }

  @Test func refusesALineOverItsLimit() {
    var reader = ServerSentEventReader(maximumLineBytes: 8)
    #expect(throws: ServerSentEventReader.LineTooLong.self) { try reader.read(Array("data: 0123456789\n".utf8)) }
  }
}
