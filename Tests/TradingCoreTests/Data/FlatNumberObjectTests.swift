import Foundation
import Testing
import TradingCore

/// The fast reader of signal and order meta gives exactly what `JSONDecoder` gives for every text it
/// reads, and leaves every other text (escapes, non-finite strings, repeated keys, malformed
/// JSON) to `JSONDecoder`.
@Suite struct FlatNumberObjectTests {
  static func decoded(_ text: String) -> [String: Double]? {
    try? JSONDecoder().decode([String: Double].self, from: Data(text.utf8))
  }

  @Test(arguments: [
    "{}", " { } ", #"{"a":1}"#, #"{"ema_fast":189.12,"ema_slow":188.7,"volatility":0.0123,"vwap":189.01}"#,
    #"{ "a" : -0 , "b":-0.0,"c":1e5,"d":1E-7,"e":2.5e+3,"f":123456789012345678901234567890}"#,
    #"{"tiny":5e-324,"big":1.7976931348623157e308,"third":0.1,"x":0.30000000000000004}"#,
    #"{"ünï":1.5,"key with spaces":2}"#, "\n{\t\"a\"\r:\n3\n}\n",
  ])
  func readsWhatJSONDecoderReadsTheSame(text: String) throws {
    let expected = try #require(Self.decoded(text))
    let parsed = try #require(FlatNumberObject.parse(text))
    #expect(parsed == expected)
    // Bit for bit, including the sign of zero.
    for (key, value) in expected { #expect(parsed[key]?.bitPattern == value.bitPattern, "\(key)") }
  }

  @Test func randomMetasRoundTripAsJSONDecoderReadsThem() throws {
    var generator = SystemRandomNumberGenerator()
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    for _ in 0..<2_000 {
      var meta: [String: Double] = [:]
      for index in 0..<Int.random(in: 0...12, using: &generator) {
        let magnitude = Double.random(in: -12...12, using: &generator)
        meta["k\(index)"] = Double.random(in: -1...1, using: &generator) * Foundation.pow(10, magnitude)
      }
      let text = String(decoding: try encoder.encode(meta), as: UTF8.self)
      #expect(FlatNumberObject.parse(text) == meta, "\(text)")
      #expect(FlatNumberObject.parse(text) == Self.decoded(text), "\(text)")
    }
  }

  @Test(arguments: [
    // Shapes left to JSONDecoder, which reads them.
    #"{"a":"Infinity"}"#, #"{"a\"b":1}"#, #"{"a\u0041":1}"#,
    // Texts that are not a flat object of numbers, or not JSON at all.
    "", "[]", "{", "}", #"{"a":1,}"#, #"{"a":01}"#, #"{"a":+1}"#, #"{"a":.5}"#, #"{"a":1.}"#, #"{"a":1e}"#,
    #"{"a":-}"#, #"{"a":1 "b":2}"#, #"{"a":1}x"#, #"{"a":true}"#, #"{"a":null}"#, #"{"a":{"b":1}}"#,
    #"{"a":[1]}"#, #"{a:1}"#, #"{"a":1,"a":2}"#, #"{"a":1e400}"#, #"{"a":NaN}"#, "{\"a\u{01}\":1}",
  ])
  func leavesEveryOtherTextToJSONDecoder(text: String) {
    #expect(FlatNumberObject.parse(text) == nil)
  }

  static let foundationEncoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    return encoder
  }()

  static func foundationText(_ meta: [String: Double]) throws -> String {
    String(decoding: try foundationEncoder.encode(meta), as: UTF8.self)
  }

  @Test(
    arguments: [
      [:], ["a": 1], ["a": -0.0, "b": 0, "c": 100, "d": 1e-5, "e": 5e20, "f": 1e16, "g": 123_456_789.125],
      ["tiny": .leastNonzeroMagnitude, "big": .greatestFiniteMagnitude, "third": 0.1, "x": 0.30000000000000004],
      ["nan": .nan, "up": .infinity, "down": -.infinity, "plain": 2.5],
      ["ünï": 1.5, "key with spaces": 2, "quote\"back\\slash": 3, "line\nbreak\ttab\u{01}": 4, "a/b": 5],
    ] as [[String: Double]])
  func writesWhatJSONEncoderWrites(meta: [String: Double]) throws {
    #expect(FlatNumberObject.text(meta) == (try Self.foundationText(meta)))
  }

  @Test func keysWithOtherControlCharactersReadBackAsWritten() throws {
    let meta: [String: Double] = [
      "back\u{08}space": 1, "form\u{0C}feed": 2, "line\u{2028}separator": 3, "bell\u{07}": 4,
    ]
    let text = FlatNumberObject.text(meta)
    #expect(Self.decoded(text) == meta, "\(text)")
  }

  @Test func randomMetasAreWrittenAsJSONEncoderWritesThemAndReadBackExactly() throws {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<2_000 {
      var meta: [String: Double] = [:]
      for index in 0..<Int.random(in: 0...16, using: &generator) {
        let magnitude = Double.random(in: -30...30, using: &generator)
        let value = Double.random(in: -1...1, using: &generator) * Foundation.pow(10, magnitude)
        meta["feature.k\(index)"] = Bool.random(using: &generator) ? value : value.rounded()
      }
      let text = FlatNumberObject.text(meta)
      #expect(text == (try Self.foundationText(meta)))
      #expect(FlatNumberObject.parse(text) == meta, "\(text)")
    }
  }
}
