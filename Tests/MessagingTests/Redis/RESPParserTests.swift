import Messaging
import NIOCore
import Testing
import TradingCore

/// Feeds `chunks` to a fresh parser and collects every value, or the error it throws.
func parseAll(_ chunks: [[UInt8]], limits: RESPParserLimits = .default) -> Result<[RESPValue], RESPParseError> {
  var parser = RESPParser(limits: limits)
  var values: [RESPValue] = []
  do {
    for chunk in chunks {
      parser.append(ByteBuffer(bytes: chunk))
      while let value = try parser.next() { values.append(value) }
    }
    return .success(values)
  } catch {
    return .failure(error)
  }
}

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

func bulk(_ text: String) -> RESPValue { .bulkString(ByteBuffer(string: text)) }

/// Hand-written replies of every RESP2 and RESP3 type, with the value each must parse to.
let respSamples: [(wire: String, value: RESPValue)] = [
  ("+OK\r\n", .simpleString("OK")),
  ("+\r\n", .simpleString("")),
  ("-ERR unknown command 'FOO'\r\n", .error(RedisServerError(message: "ERR unknown command 'FOO'"))),
  (":0\r\n", .integer(0)),
  (":-9223372036854775808\r\n", .integer(.min)),
  (":1000\r\n", .integer(1_000)),
  ("$5\r\nhello\r\n", bulk("hello")),
  ("$0\r\n\r\n", bulk("")),
  ("$4\r\na\r\nb\r\n", bulk("a\r\nb")),
  ("$-1\r\n", .null),
  ("*-1\r\n", .null),
  ("*0\r\n", .array([])),
  (
    "*3\r\n:1\r\n$3\r\nfoo\r\n*2\r\n+a\r\n$-1\r\n",
    .array([.integer(1), bulk("foo"), .array([.simpleString("a"), .null])])
  ),
  ("_\r\n", .null),
  (",3.25\r\n", .double(3.25)),
  (",-1.5e3\r\n", .double(-1_500)),
  (",inf\r\n", .double(.infinity)),
  (",-inf\r\n", .double(-.infinity)),
  ("#t\r\n", .boolean(true)),
  ("#f\r\n", .boolean(false)),
  ("(3492890328409238509324850943850943825024385\r\n", .bigNumber("3492890328409238509324850943850943825024385")),
  ("!21\r\nSYNTAX invalid syntax\r\n", .error(RedisServerError(message: "SYNTAX invalid syntax"))),
  ("=15\r\ntxt:Some string\r\n", .verbatimString(format: "txt", text: "Some string")),
  (
    "%2\r\n+first\r\n:1\r\n$6\r\nsecond\r\n%0\r\n",
    .map([RESPPair(key: .simpleString("first"), value: .integer(1)), RESPPair(key: bulk("second"), value: .map([]))])
  ),
  ("~2\r\n+orange\r\n+apple\r\n", .set([.simpleString("orange"), .simpleString("apple")])),
  (
    ">3\r\n+message\r\n+channel\r\n$2\r\nhi\r\n",
    .push([.simpleString("message"), .simpleString("channel"), bulk("hi")])
  ),
  ("|1\r\n+ttl\r\n:3600\r\n:7\r\n", .integer(7)),
  ("*2\r\n|1\r\n+key-popularity\r\n%0\r\n:1\r\n:2\r\n", .array([.integer(1), .integer(2)])),
  ("|0\r\n+after-empty-attribute\r\n", .simpleString("after-empty-attribute")),
]

@Suite struct RESPParserTests {
  @Test(arguments: respSamples.indices)
  func parsesEveryType(_ index: Int) throws {
    let sample = respSamples[index]
    #expect(try parseAll([bytes(sample.wire)]).get() == [sample.value], "\(sample.wire.debugDescription)")
  }

  @Test func parsesNotANumber() throws {
    let values = try parseAll([bytes(",nan\r\n")]).get()
    guard case .double(let number) = values.first else {
      Issue.record("\(values)")
      return
    }
    #expect(number.isNaN)
  }

  /// Every sample back to back, split into two reads at every byte position, and also fed one
  /// byte per read: the values are the same as from one read.
  @Test func survivesASplitAtEveryByte() throws {
    let wire = bytes(respSamples.map(\.wire).joined())
    let expected = respSamples.map(\.value)
    for split in 0...wire.count {
      let values = try parseAll([Array(wire[..<split]), Array(wire[split...])]).get()
      #expect(values == expected, "split at byte \(split)")
    }
    #expect(try parseAll(wire.map { [$0] }).get() == expected, "one byte per read")
  }

  /// Seeded random read sizes, including empty reads.
  @Test func survivesRandomSplits() throws {
    let wire = bytes(String(repeating: respSamples.map(\.wire).joined(), count: 3))
    let expected = Array(repeating: respSamples.map(\.value), count: 3).flatMap { $0 }
    var random = SplitMix64(seed: 42)
    for round in 0..<300 {
      var chunks: [[UInt8]] = []
      var offset = 0
      while offset < wire.count {
        let size = min(Int(random.next() % 24), wire.count - offset)
        chunks.append(Array(wire[offset..<offset + size]))
        offset += size
      }
      #expect(try parseAll(chunks).get() == expected, "round \(round)")
    }
  }

  @Test func waitsForTheRestOfAnIncompleteValue() throws {
    for partial in ["+OK\r", "$5\r\nhel", "*2\r\n:1\r\n", "%1\r\n+k\r\n", "|1\r\n+a\r\n+b\r\n", "$5\r\nhello\r"] {
      #expect(try parseAll([bytes(partial)]).get() == [], "\(partial.debugDescription)")
    }
  }

  @Test(
    arguments: [
      ("?x\r\n", RESPParseError.unknownType(byte: UInt8(ascii: "?"))),
      ("hello\r\n", .unknownType(byte: UInt8(ascii: "h"))),
      ("+OK\n", .malformedLine("+OK")),
      ("\r\n", .unknownType(byte: 13)),
      (":12a\r\n", .invalidNumber("12a")),
      (":\r\n", .invalidNumber("")),
      (":99999999999999999999\r\n", .invalidNumber("99999999999999999999")),
      ("$abc\r\n", .invalidNumber("abc")),
      ("$-2\r\n", .invalidLength(-2)),
      ("!-1\r\n", .invalidLength(-1)),
      ("%-1\r\n", .invalidLength(-1)),
      ("$3\r\nabcd\r\n", .missingTerminator),
      ("#x\r\n", .malformedLine("#x")),
      ("_x\r\n", .malformedLine("_x")),
      (",abc\r\n", .invalidNumber("abc")),
      ("(12x\r\n", .invalidNumber("12x")),
      ("=2\r\nab\r\n", .malformedLine("=ab")),
      ("$?\r\n", .streamedTypeUnsupported),
      ("*?\r\n", .streamedTypeUnsupported),
      ("*1\r\n*1\r\n$x\r\n", .invalidNumber("x")),
    ])
  func rejectsMalformedFrames(_ wire: String, _ expected: RESPParseError) {
    #expect(throws: expected) { try parseAll([bytes(wire)]).get() }
    #expect(throws: expected, "one byte per read") { try parseAll(bytes(wire).map { [$0] }).get() }
  }

  @Test func enforcesItsLimits() throws {
    let limits = RESPParserLimits(maxDepth: 3, maxBulkLength: 8, maxAggregateElements: 4, maxLineLength: 16)
    #expect(throws: RESPParseError.nestingTooDeep(limit: 3)) {
      try parseAll([bytes("*1\r\n*1\r\n*1\r\n*1\r\n:1\r\n")], limits: limits).get()
    }
    #expect(try parseAll([bytes("*1\r\n*1\r\n*1\r\n:1\r\n")], limits: limits).get().count == 1, "depth 3 is fine")
    #expect(throws: RESPParseError.bulkTooLong(length: 9, limit: 8)) {
      try parseAll([bytes("$9\r\n")], limits: limits).get()
    }
    #expect(throws: RESPParseError.tooManyElements(count: 5, limit: 4)) {
      try parseAll([bytes("*5\r\n")], limits: limits).get()
    }
    #expect(throws: RESPParseError.tooManyElements(count: 3, limit: 4), "a map's pairs count twice") {
      try parseAll([bytes("%3\r\n")], limits: limits).get()
    }
    #expect(throws: RESPParseError.lineTooLong(limit: 16), "no CRLF in sight: refused before it arrives") {
      try parseAll([bytes("+" + String(repeating: "a", count: 40))], limits: limits).get()
    }
    #expect(throws: RESPParseError.lineTooLong(limit: 16)) {
      try parseAll([bytes("+" + String(repeating: "a", count: 17) + "\r\n")], limits: limits).get()
    }
  }

  /// A peer claiming absurd sizes gets an error at the header, before anything is allocated.
  @Test func refusesHostileClaimsAtTheHeader() {
    #expect(
      throws: RESPParseError.tooManyElements(
        count: 9_999_999_999_999, limit: RESPParserLimits.default.maxAggregateElements)
    ) {
      try parseAll([bytes("*9999999999999\r\n")]).get()
    }
    #expect(throws: RESPParseError.bulkTooLong(length: 1 << 40, limit: RESPParserLimits.default.maxBulkLength)) {
      try parseAll([bytes("$\(1 << 40)\r\n")]).get()
    }
    let deep = String(repeating: "*1\r\n", count: 100_000)
    #expect(throws: RESPParseError.nestingTooDeep(limit: RESPParserLimits.default.maxDepth)) {
      try parseAll([bytes(deep)]).get()
    }
  }

  /// Random bytes, and valid replies with random bytes flipped: the parser returns values or
  /// throws, and never traps.
  @Test func neverCrashesOnGarbage() {
    var random = SplitMix64(seed: 7)
    let valid = bytes(respSamples.map(\.wire).joined())
    for _ in 0..<2_000 {
      var wire = valid
      for _ in 0..<Int(random.next() % 4) + 1 {
        wire[Int(random.next() % UInt64(wire.count))] = UInt8(truncatingIfNeeded: random.next())
      }
      _ = parseAll([wire])
      _ = parseAll([(0..<64).map { _ in UInt8(truncatingIfNeeded: random.next()) }])
    }
  }

  /// A large reply delivered one byte per read parses in time linear in its size (a parser that
  /// re-read from the start on every read would take minutes here).
  @Test func largeReplyByteByByte() throws {
    let elements = 20_000
    let wire = bytes("*\(elements)\r\n" + String(repeating: "$3\r\nabc\r\n", count: elements))
    let values = try parseAll(wire.map { [$0] }).get()
    #expect(values.first?.elements?.count == elements)
  }
}
