import Services
import Testing

@Suite struct EventFilterTests {
  @Test func emptyOrAbsentListsMeanEverything() throws {
    for request in ["{}", #"{"subscribe":[],"symbols":[]}"#, #"{"subscribe":null,"symbols":null}"#] {
      #expect(try EventFilter(request: request) == EventFilter())
    }
  }

  @Test func typesAndSymbolsAreReadAndSymbolsUpperCased() throws {
    let filter = try EventFilter(request: #"{"subscribe":["signal","order","signal"],"symbols":["aapl","BRK.B"]}"#)
    #expect(filter == EventFilter(types: [.signal, .order], symbols: ["AAPL", "BRK.B"]))
  }

  @Test func eventsWithoutASymbolPassTheSymbolFilter() {
    let filter = EventFilter(types: nil, symbols: ["AAPL"])
    #expect(filter.accepts(TradingEvent(type: .heartbeat, symbol: nil, json: "{}")))
    #expect(filter.accepts(TradingEvent(type: .signal, symbol: "AAPL", json: "{}")))
    #expect(!filter.accepts(TradingEvent(type: .signal, symbol: "MSFT", json: "{}")))
    let typeFilter = EventFilter(types: [.fill], symbols: nil)
    #expect(!typeFilter.accepts(TradingEvent(type: .heartbeat, symbol: nil, json: "{}")))
  }

  @Test(arguments: [
    "", "null", "42", #""subscribe""#, "{", #"{"subscribe":[1]}"#, #"{"subscribe":["trade"]}"#,
    #"{"symbols":"AAPL"}"#, #"{"symbols":[""]}"#, #"{"symbols":["WAY_TOO_LONG_FOR_A_SYMBOL"]}"#, #"{"extra":true}"#,
  ])
  func malformedRequestsAreRefused(request: String) {
    #expect(throws: SubscriptionRequestError.self) { try EventFilter(request: request) }
  }
}
