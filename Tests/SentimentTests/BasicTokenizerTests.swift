import Sentiment
import Testing

/// Words as BERT's basic tokenization cuts them, worked out by hand from its rules.
struct BasicTokenizerTests {
  let basic = BasicTokenizer()

  @Test func lowerCasesStripsAccentsAndSplitsOffPunctuation() {
    #expect(basic.words(in: "Héllo, WORLD!") == ["hello", ",", "world", "!"])
    #expect(
      basic.words(in: "$AAPL +3.5% (BRK.B)") == ["$", "aapl", "+", "3", ".", "5", "%", "(", "brk", ".", "b", ")"])
    #expect(basic.words(in: "São Paulo, Zu\u{308}rich") == ["sao", "paulo", ",", "zurich"])
    #expect(basic.words(in: "«Straße» — ok") == ["«", "straße", "»", "—", "ok"])
  }

  @Test func controlsGoAndWhiteSpaceSeparates() {
    #expect(basic.words(in: "a\tb\nc\r\nd\u{A0}e\u{3000}f") == ["a", "b", "c", "d", "e", "f"])
    #expect(basic.words(in: "x\u{200B}y\u{0}z\u{FFFD}\u{7}w") == ["xyzw"])
    #expect(basic.words(in: "\u{B}a\u{C}b\u{85}c") == ["abc"])
    #expect(basic.words(in: "") == [])
    #expect(basic.words(in: " \t\n ") == [])
  }

  @Test func ideographsStandAlone() {
    #expect(basic.words(in: "日本語abc") == ["日", "本", "語", "abc"])
  }

  /// Hangul syllables decompose into their jamo. (Compared scalar by scalar: Swift's `==` on
  /// strings would call the syllables and their jamo equal.)
  @Test func hangulSyllablesBecomeJamo() {
    let jamo: [Unicode.Scalar] = ["\u{1109}", "\u{1161}", "\u{11B7}", "\u{1109}", "\u{1165}", "\u{11BC}"]
    #expect(basic.words(in: "삼성").map { Array($0.unicodeScalars) } == [jamo])
  }

  /// Works on Unicode scalars: a Swift `Character` may hold several, each treated on its own.
  @Test func worksOnScalarsNotCharacters() {
    #expect(basic.words(in: "İstanbul") == ["istanbul"])
    #expect(basic.words(in: "ΟΔΟΣ") == ["οδοσ"])
    #expect(basic.words(in: "👍🏽") == ["👍🏽"])
    #expect(basic.words(in: "e\u{301}!") == ["e", "!"])
  }
}
