import Messaging
import Testing
import TradingCore

/// A signal's meta read from its bus fields is the same whether the fast reader takes the text
/// or leaves it to `JSONDecoder`, and a meta neither reads is refused.
@Suite struct SignalMetaFieldTests {
  @Test func aSignalsMetaReadFromBusFieldsIsTheSameEitherWay() throws {
    let escaped = #"{"a\"b":1.25,"c":2}"#
    var fields = [
      "id": "01900000000000000000000042", "symbol": "AAPL", "score": "0.5", "timestamp": "1764000000000000000",
      "source": "pattern", "meta": escaped,
    ]
    #expect(try Signal(busFields: fields).meta == ["a\"b": 1.25, "c": 2])
    fields["meta"] = #"{"a":"Infinity","b":-1.5}"#
    #expect(try Signal(busFields: fields).meta["a"] == .infinity)
    fields["meta"] = #"{"a":[1]}"#
    #expect(throws: BusFieldError.self) { try Signal(busFields: fields) }
  }
}
