import Foundation
import Messaging
import Testing
import TradingCore

@Suite struct SignalBusFieldsTests {
  static let signal = Signal(
    id: TimeSortableID("01HZY3K6QF8M2S0V4T7W9X1B5C")!, symbol: "AAPL", score: -0.375,
    timestamp: Timestamp(nanosecondsSinceEpoch: 1_717_171_717_123_456_789), source: "pattern_engine",
    meta: ["rsi": 71.25, "ema_gap": -0.0031, "volume_z": .infinity])

  @Test func roundTripsExactly() throws {
    let fields = Self.signal.busFields
    #expect(Set(fields.keys) == ["id", "symbol", "score", "timestamp", "meta", "source"])
    #expect(fields["id"] == "01HZY3K6QF8M2S0V4T7W9X1B5C")
    #expect(fields["timestamp"] == "1717171717123456789")
    #expect(fields["meta"] == #"{"ema_gap":-0.0031,"rsi":71.25,"volume_z":"Infinity"}"#)
    #expect(try Signal(busFields: fields) == Self.signal)
  }

  @Test(
    arguments: [
      ("id", nil, BusFieldError.missingField("id")),
      ("id", "not-a-ulid", .invalidField(name: "id", value: "not-a-ulid", reason: "not a 26-character ULID")),
      ("symbol", "", .invalidField(name: "symbol", value: "", reason: "must not be empty")),
      ("score", "strong", .invalidField(name: "score", value: "strong", reason: "not a finite number")),
      ("score", "nan", .invalidField(name: "score", value: "nan", reason: "not a finite number")),
      ("score", "1.5", .invalidField(name: "score", value: "1.5", reason: "outside [-1, 1]")),
      ("score", "-1.0001", .invalidField(name: "score", value: "-1.0001", reason: "outside [-1, 1]")),
      (
        "timestamp", "2024-05-31T12:00:00Z",
        .invalidField(
          name: "timestamp", value: "2024-05-31T12:00:00Z", reason: "not integer nanoseconds since the epoch")
      ),
      ("meta", "{rsi: 71}", .invalidField(name: "meta", value: "{rsi: 71}", reason: "not a JSON object of numbers")),
      (
        "meta", #"{"rsi":"high"}"#,
        .invalidField(name: "meta", value: #"{"rsi":"high"}"#, reason: "not a JSON object of numbers")
      ),
      ("meta", "[1,2]", .invalidField(name: "meta", value: "[1,2]", reason: "not a JSON object of numbers")),
      ("source", nil, .missingField("source")),
    ] as [(String, String?, BusFieldError)])
  func rejectsBadFields(field: String, value: String?, expected: BusFieldError) {
    var fields = Self.signal.busFields
    fields[field] = value
    #expect(throws: expected) { try Signal(busFields: fields) }
  }

  @Test func acceptsTheScoreBoundsAndAnEmptyMeta() throws {
    var fields = Self.signal.busFields
    fields["score"] = "1"
    fields["meta"] = "{}"
    let decoded = try Signal(busFields: fields)
    #expect(decoded.score == 1 && decoded.meta.isEmpty)
  }
}

@Suite struct BusEnvelopeTests {
  struct Heartbeat: Codable, Equatable {
    var component: String
    var sequence: Int
  }

  @Test func carriesATypedPayloadAsJSONText() throws {
    let envelope = try BusEnvelope(type: "heartbeat", encoding: Heartbeat(component: "execution", sequence: 7))
    #expect(envelope.busFields == ["type": "heartbeat", "payload": #"{"component":"execution","sequence":7}"#])
    let decoded = try BusEnvelope(busFields: envelope.busFields)
    #expect(try decoded.decodePayload(as: Heartbeat.self) == Heartbeat(component: "execution", sequence: 7))
  }

  @Test func rejectsMissingFieldsAndBadPayloads() {
    #expect(throws: BusFieldError.missingField("type")) { try BusEnvelope(busFields: ["payload": "{}"]) }
    #expect(throws: BusFieldError.missingField("payload")) { try BusEnvelope(busFields: ["type": "fill"]) }
    let broken = BusEnvelope(type: "heartbeat", payload: #"{"component":"execution"}"#)
    #expect {
      try broken.decodePayload(as: Heartbeat.self)
    } throws: { error in
      guard case .invalidField(let name, _, _) = error as? BusFieldError else { return false }
      return name == "payload"
    }
  }
}

@Suite struct StreamEntryIDTests {
  @Test func printsAndParsesLikeRedis() {
    let id = StreamEntryID(milliseconds: 1_526_919_030_474, sequence: 55)
    #expect(id.description == "1526919030474-55")
    #expect(StreamEntryID("1526919030474-55") == id)
    for bad in [
      "", "1526919030474", "1-2-3", "a-1", "1-", "-1", "1--1", "+1-2", "1-+2", "1 -2", "18446744073709551616-0",
    ] {
      #expect(StreamEntryID(bad) == nil, "\(bad)")
    }
    #expect(StreamEntryID("18446744073709551615-0") == StreamEntryID(milliseconds: .max, sequence: 0))
    #expect(StreamEntryID("0-18446744073709551615") == StreamEntryID(milliseconds: 0, sequence: .max))
    #expect(StreamEntryID("007-01") == StreamEntryID(milliseconds: 7, sequence: 1))
  }

  @Test func ordersByMillisecondsThenSequence() {
    let ids = [
      StreamEntryID(milliseconds: 2, sequence: 0), StreamEntryID(milliseconds: 1, sequence: 9),
      StreamEntryID(milliseconds: 1, sequence: 10),
    ]
    #expect(ids.sorted().map(\.description) == ["1-9", "1-10", "2-0"])
    #expect(StreamEntryID(milliseconds: 1, sequence: .max).successor == StreamEntryID(milliseconds: 2, sequence: 0))
  }
}
