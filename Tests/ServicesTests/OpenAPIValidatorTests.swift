import Services
import Testing

@Suite struct OpenAPIValidatorTests {
  let validator: OpenAPIValidator

  init() throws {
    validator = try OpenAPIValidator.load()
  }

  private let signal: JSONValue = [
    "id": "01J0000000000000000000000A", "symbol": "AAPL", "score": 0.5, "timestamp": "2024-01-02T03:04:05.25Z",
    "source": "pattern_engine", "meta": ["rsi": 61.5],
  ]

  private let signalPage =
    #"{"items":[{"id":"01J0000000000000000000000A","symbol":"AAPL","score":0.5,"#
    + #""timestamp":"2024-01-02T03:04:05.25Z","source":"pattern_engine","meta":{"rsi":61.5}}],"next_cursor":null}"#

  @Test func acceptsAConformingBody() throws {
    #expect(try validator.violations(ofBody: signalPage, path: "/api/signals", status: 200) == [])
    #expect(validator.violations(of: signal, againstSchemaNamed: "Signal") == [])
  }

  @Test func rejectsAMissingRequiredKey() {
    guard case .object(var fields) = signal else { return }
    fields["score"] = nil
    #expect(
      validator.violations(of: .object(fields), againstSchemaNamed: "Signal") == ["$: missing required key 'score'"])
  }

  @Test func rejectsAWrongType() throws {
    guard case .object(var fields) = signal else { return }
    fields["score"] = "0.5"
    #expect(
      validator.violations(of: .object(fields), againstSchemaNamed: "Signal") == [
        #"$.score: expected type "number", got "0.5""#
      ])
    let body = #"{"items":{},"next_cursor":null}"#
    #expect(
      try validator.violations(ofBody: body, path: "/api/signals", status: 200) == [
        #"$.items: expected type "array", got {}"#
      ])
  }

  @Test func rejectsNullWhereNotAllowedAndAcceptsItWhereItIs() {
    guard case .object(var fields) = signal else { return }
    fields["symbol"] = .null
    #expect(validator.violations(of: .object(fields), againstSchemaNamed: "Signal") != [])
    let lastPage: JSONValue = ["items": [], "next_cursor": .null]
    #expect(validator.violations(of: lastPage, againstSchemaNamed: "SignalPage") == [])
    let laterPage: JSONValue = ["items": [], "next_cursor": 12]
    #expect(validator.violations(of: laterPage, againstSchemaNamed: "SignalPage") != [])
  }

  @Test func rejectsExtraKeysEnumsBoundsPatternsAndDates() {
    guard case .object(var fields) = signal else { return }
    fields["colour"] = "red"
    fields["score"] = 1.5
    fields["timestamp"] = "yesterday"
    fields["meta"] = ["rsi": "high"]
    #expect(
      validator.violations(of: .object(fields), againstSchemaNamed: "Signal") == [
        "$: unexpected key 'colour'",
        #"$.meta.rsi: expected type "number", got "high""#,
        "$.score: 1.5 is above the maximum 1.0",
        "$.timestamp: 'yesterday' is not an ISO 8601 date-time",
      ])
    #expect(
      validator.violations(of: "HOLD", againstSchemaNamed: "Side") == [#"$: "HOLD" is not one of ["BUY","SELL"]"#])
    #expect(validator.violations(of: "12.5", againstSchemaNamed: "Decimal") == [])
    #expect(validator.violations(of: "1e3", againstSchemaNamed: "Decimal") != [])
    #expect(validator.violations(of: 2.5, against: ["type": "integer"]) != [])
  }

  @Test func refusesKeywordsItDoesNotCheck() {
    #expect(
      validator.violations(of: 1, against: ["oneOf": [["type": "number"]]]) == [
        "$: the validator does not support 'oneOf'"
      ])
  }

  @Test func everyOperationThatAnswersJSONHasASchema() throws {
    let operations: [(String, [Int])] = [
      ("/health", [200, 413, 503]), ("/api/status", [200, 503]), ("/api/signals", [200, 400, 413, 503]),
      ("/api/signals/{id}", [200, 404]), ("/api/orders", [200, 400]), ("/api/orders/{id}", [200, 404]),
      ("/api/fills", [200, 400]),
      ("/api/positions", [200]), ("/api/portfolio", [200]), ("/ws", [400, 503]),
    ]
    for (path, statuses) in operations {
      for status in statuses {
        #expect(throws: Never.self, "\(path) \(status)") {
          try validator.responseSchema(path: path, method: "get", status: status)
        }
      }
    }
  }
}
