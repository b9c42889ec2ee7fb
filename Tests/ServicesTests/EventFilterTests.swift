import Services
import Synchronization
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

/// The hub asks each subscriber's filter before queueing an event: an event a subscriber does
/// not want neither reaches it nor fills its buffer.
@Suite struct EventHubFilterTests {
  @Test func unwantedEventsNeverFillASubscribersBuffer() async {
    let hub = EventHub(bufferLimit: 4)
    let filter = EventFilter(types: nil, symbols: ["AAPL"])
    let picky = hub.subscribe(accepting: filter.accepts)
    let everything = hub.subscribe()
    for index in 0..<100 {
      hub.publish(TradingEvent(type: .signal, symbol: "MSFT", json: #"{"n":\#(index)}"#))
    }
    hub.publish(TradingEvent(type: .signal, symbol: "AAPL", json: "{}"))
    // The subscriber that takes everything overflowed its 4 slots and was cut off; the picky
    // one holds only the AAPL event.
    #expect(hub.wasCutOff(everything.id))
    #expect(!hub.wasCutOff(picky.id))
    hub.unsubscribe(picky.id)
    var received: [TradingEvent] = []
    for await event in picky.events { received.append(event) }
    #expect(received.map(\.symbol) == ["AAPL"])
  }

  @Test func anEventIsMadeOnlyWhileSomeoneSubscribes() async {
    let hub = EventHub()
    let made = Mutex(0)
    let event = { @Sendable () -> TradingEvent in
      made.withLock { $0 += 1 }
      return TradingEvent(type: .signal, symbol: "AAPL", json: "{}")
    }
    hub.publish(event())
    #expect(made.withLock { $0 } == 0)
    #expect(hub.publishedCount == 1)
    let subscription = hub.subscribe()
    hub.publish(event())
    hub.unsubscribe(subscription.id)
    hub.publish(event())
    #expect(made.withLock { $0 } == 1)
    #expect(hub.publishedCount == 3)
    var received = 0
    for await _ in subscription.events { received += 1 }
    #expect(received == 1)
  }
}
