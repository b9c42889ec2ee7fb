import Foundation
import Testing
import TradingCore

/// The reader of signal and order meta gives exactly what `JSONDecoder` gives (non-finite numbers
/// as the strings `"NaN"`, `"Infinity"`, `"-Infinity"`) and refuses what it refuses, but for two
/// leniencies of `JSONDecoder` it refuses as malformed JSON; the writer writes what `JSONEncoder`
/// writes.
@Suite struct FlatNumberObjectTests {
  static let decoder: JSONDecoder = {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    return decoder
  }()

  static func decoded(_ text: String) -> [String: Double]? {
    try? decoder.decode([String: Double].self, from: Data(text.utf8))
  }

  /// Equal as `JSONDecoder` and the reader give them: bit for bit, so NaN equals NaN and -0 is not 0.
  static func same(_ lhs: [String: Double]?, _ rhs: [String: Double]?) -> Bool {
    guard let lhs, let rhs else { return lhs == nil && rhs == nil }
    return lhs.count == rhs.count && lhs.allSatisfy { rhs[$0.key]?.bitPattern == $0.value.bitPattern }
  }

  @Test(arguments: [
    "{}", " { } ", #"{"a":1}"#, #"{"ema_fast":189.12,"ema_slow":188.7,"volatility":0.0123,"vwap":189.01}"#,
    #"{ "a" : -0 , "b":-0.0,"c":1e5,"d":1E-7,"e":2.5e+3,"f":123456789012345678901234567890}"#,
    #"{"tiny":5e-324,"big":1.7976931348623157e308,"third":0.1,"x":0.30000000000000004}"#,
    #"{"ünï":1.5,"key with spaces":2}"#, "\n{\t\"a\"\r:\n3\n}\n",
    // Non-finite numbers as strings, escapes in keys and in those strings, repeated keys, a byte order mark.
    #"{"a":"NaN","b":"Infinity","c":"-Infinity","d":1}"#,
    #"{"a\"b":1,"c\\d":2,"e\/f":3,"\b\f\n\r\t":4}"#, #"{"a\u0041\u00e9\u20AC":1,"\ud83d\ude00 x":2}"#,
    #"{"\u0000":1,"plain then \n escaped then plain ü":2}"#, #"{"a":1,"a":2,"b":3}"#, "\u{FEFF}{\"a\":1}",
  ])
  func readsWhatJSONDecoderReadsTheSame(text: String) throws {
    let expected = try #require(Self.decoded(text))
    let parsed = try #require(FlatNumberObject.parse(text))
    #expect(Self.same(parsed, expected), "\(parsed) against \(expected)")
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
    "", "[]", "{", "}", #"{"a":1,,"b":2}"#, #"{"a":01}"#, #"{"a":+1}"#, #"{"a":.5}"#, #"{"a":1.}"#, #"{"a":1e}"#,
    #"{"a":-}"#, #"{"a":1 "b":2}"#, #"{"a":1}x"#, #"{"a":true}"#, #"{"a":null}"#, #"{"a":{"b":1}}"#,
    #"{"a":[1]}"#, #"{a:1}"#, #"{"a":1e400}"#, #"{"a":-1E400}"#, #"{"a":NaN}"#, "{\"a\u{01}\":1}",
    // Strings other than the three, and broken escapes.
    #"{"a":"nan"}"#, #"{"a":"N\u0061N"}"#, #"{"a":"Infinity "}"#, #"{"a":"1"}"#, #"{"a":""}"#, #"{"a\x":1}"#,
    #"{"a\u12":1}"#,
    #"{"a\u12G4":1}"#, #"{"a\ud83d":1}"#, #"{"a\ude00":1}"#, #"{"a\ud83d\u0041":1}"#, #"{"a\"#, #"{"a"#,
    "{\"a\n\":1}", #"{"a":"NaN"#,
  ])
  func refusesWhatJSONDecoderRefuses(text: String) {
    #expect(Self.decoded(text) == nil, "JSONDecoder refuses it too")
    #expect(FlatNumberObject.parse(text) == nil)
  }

  @Test(arguments: [#"{"a":1,}"#, #"{"a":1,"a":[2]}"#, #"{"a":1,"a":01}"#, #"{"a":1,"a":"x"}"#])
  func refusesMalformedJSONThatJSONDecoderLetsPass(text: String) {
    #expect(Self.decoded(text) != nil, "JSONDecoder reads it")
    #expect(FlatNumberObject.parse(text) == nil)
  }

  /// Texts stitched at random from pieces of both kinds agree with `JSONDecoder`, read or refused
  /// (each key once: a repeated key's later value is one of `JSONDecoder`'s leniencies).
  @Test func randomTextsAreReadOrRefusedAsJSONDecoderDoes() {
    let keys = [
      #""a""#, #""b""#, #""k\u00e9""#, #""\ud83d\ude00""#, #""t\tab""#, #""q\"""#, #""bad\x""#,
      #""\ud800""#, "\"ctl\u{01}\"", "key", #""""#,
    ]
    let values = [
      "0", "-0", "1.5", "2e10", "-3E-2", "1e999", "01", ".5", #""NaN""#, #""Infinity""#, #""-Infinity""#,
      #""N\u0061N""#, #""nan""#, "true", "null", "[1]", "{}", "", "1.",
    ]
    let gaps = ["", " ", "\n", "\t ", "x"]
    var generator = SystemRandomNumberGenerator()
    var read = 0
    for _ in 0..<3_000 {
      var text = Bool.random(using: &generator) ? "{" : "\u{FEFF}{"
      let chosen = keys.shuffled(using: &generator).prefix(Int.random(in: 0...4, using: &generator))
      for (index, key) in chosen.enumerated() {
        if index > 0 { text += Int.random(in: 0..<20, using: &generator) == 0 ? ",," : "," }
        text += gaps.randomElement(using: &generator)!
        text += key + ":" + values.randomElement(using: &generator)!
        text += gaps.randomElement(using: &generator)!
      }
      text += Int.random(in: 0..<20, using: &generator) == 0 ? "" : "}"
      let expected = Self.decoded(text)
      if expected != nil { read += 1 }
      #expect(Self.same(FlatNumberObject.parse(text), expected), "\(text)")
    }
    #expect(read > 100, "the pieces make texts that JSONDecoder reads too")
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
