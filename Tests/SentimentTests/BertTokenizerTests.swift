import Sentiment
import Testing

/// Truncation, padding, masks and type ids, checked by hand against the vocabulary.
@Suite(.enabled(if: TestVocabulary.shouldRun, "the BERT vocabulary is installed by scripts/setup.sh"))
struct BertTokenizerTests {
  /// The ids of `tokens`, looked up one by one.
  static func ids(_ tokens: [String], in tokenizer: BertTokenizer) throws -> [Int64] {
    try tokens.map { token in Int64(try #require(tokenizer.vocabulary.id(of: token), "\(token)")) }
  }

  @Test func aShortHeadlineIsItsWordsBetweenClassifierAndSeparator() throws {
    let tokenizer = try TestVocabulary.tokenizer()
    let encoding = tokenizer.encode("Apple shares jump 5%!")
    let expected = try Self.ids(["[CLS]", "apple", "shares", "jump", "5", "%", "!", "[SEP]"], in: tokenizer)
    #expect(encoding.inputIDs == expected)
    #expect(encoding.inputIDs == [101, 6207, 6661, 5376, 1019, 1003, 999, 102])
    #expect(encoding.attentionMask == Array(repeating: 1, count: 8))
    #expect(encoding.tokenTypeIDs == Array(repeating: 0, count: 8))
    #expect(encoding.tokenCount == 8)
  }

  @Test func accentsGoAndWordsSplitIntoPieces() throws {
    let tokenizer = try TestVocabulary.tokenizer()
    #expect(
      tokenizer.tokens("Nestlé beats forecasts; Zürich office sold.") == [
        "nest", "##le", "beats", "forecast", "##s", ";", "zurich", "office", "sold", ".",
      ])
    #expect(tokenizer.tokens("Straße") == ["st", "##raße"])
    #expect(tokenizer.tokens("日本語abc") == ["日", "本", "語", "abc"])
  }

  @Test func truncationKeepsTheSeparatorLast() throws {
    let tokenizer = try TestVocabulary.tokenizer()
    let text = "one two three four five six seven eight nine"
    let encoding = tokenizer.encode(text, maxLength: 8)
    let expected = try Self.ids(["[CLS]", "one", "two", "three", "four", "five", "six", "[SEP]"], in: tokenizer)
    #expect(encoding.inputIDs == expected)
    #expect(encoding.attentionMask == Array(repeating: 1, count: 8))
    #expect(encoding.tokenTypeIDs == Array(repeating: 0, count: 8))
    // A word cut in the middle: its first pieces stay.
    #expect(tokenizer.encode("Zürich office sold forecasts", maxLength: 6).inputIDs.suffix(2) == [19939, 102])
    #expect(tokenizer.encode(text, maxLength: 2).inputIDs == [101, 102])
    #expect(tokenizer.encode(text, maxLength: 11).count == 11)
    #expect(tokenizer.encode(text, maxLength: 12).count == 11)
  }

  @Test func paddingToMaxLengthFillsWithMaskedPadding() throws {
    let tokenizer = try TestVocabulary.tokenizer()
    let encoding = tokenizer.encode("Apple shares jump", maxLength: 8, padding: .maxLength)
    let expected = try Self.ids(
      ["[CLS]", "apple", "shares", "jump", "[SEP]", "[PAD]", "[PAD]", "[PAD]"], in: tokenizer)
    #expect(encoding.inputIDs == expected)
    #expect(encoding.inputIDs.suffix(3) == [0, 0, 0])
    #expect(encoding.attentionMask == [1, 1, 1, 1, 1, 0, 0, 0])
    #expect(encoding.tokenTypeIDs == [0, 0, 0, 0, 0, 0, 0, 0])
    #expect(encoding.tokenCount == 5)
    // `.longest` alone is no padding.
    #expect(tokenizer.encode("Apple shares jump", maxLength: 8, padding: .longest).count == 5)
  }

  @Test func batchesPadToTheLongestOrToMaxLength() throws {
    let tokenizer = try TestVocabulary.tokenizer()
    let texts = ["buy", "Apple shares jump 5%!", ""]
    let longest = tokenizer.encodeBatch(texts, maxLength: 16)
    #expect(longest.map(\.count) == [8, 8, 8])
    #expect(longest.map(\.tokenCount) == [3, 8, 2])
    #expect(longest[0].inputIDs == [101, 4965, 102, 0, 0, 0, 0, 0])
    #expect(longest[0].attentionMask == [1, 1, 1, 0, 0, 0, 0, 0])
    #expect(longest[2].inputIDs == [101, 102, 0, 0, 0, 0, 0, 0])
    #expect(longest.allSatisfy { $0.tokenTypeIDs == Array(repeating: 0, count: 8) })
    #expect(longest[1] == tokenizer.encode(texts[1]))

    let fixed = tokenizer.encodeBatch(texts, maxLength: 6, padding: .maxLength)
    #expect(fixed.map(\.count) == [6, 6, 6])
    #expect(fixed[1].inputIDs == [101, 6207, 6661, 5376, 1019, 102])
    #expect(fixed[0].attentionMask == [1, 1, 1, 0, 0, 0])

    let ragged = tokenizer.encodeBatch(texts, padding: .none)
    #expect(ragged.map(\.count) == [3, 8, 2])
    #expect(tokenizer.encodeBatch([]).isEmpty)
  }

  @Test func aWordWithoutASpellingIsUnknown() throws {
    let tokenizer = try TestVocabulary.tokenizer()
    let unknown = Int64(tokenizer.vocabulary.specialTokens.unknown)
    #expect(unknown == 100)
    #expect(tokenizer.encode("buy ☃☃ now").inputIDs == [101, 4965, unknown, 2085, 102])
    // Longer than 100 scalars: [UNK] whole, even though "a"s can spell it.
    #expect(tokenizer.encode(String(repeating: "a", count: 101)).inputIDs == [101, unknown, 102])
    #expect(tokenizer.encode(String(repeating: "a", count: 100)).count > 3)
    // 100 "é"s are 200 bytes but 100 scalars once decomposed and stripped: spelled.
    #expect(!tokenizer.encode(String(repeating: "é", count: 100)).inputIDs.contains(unknown))
  }

  @Test func specialTokensWrittenInTheTextStandForThemselves() throws {
    let tokenizer = try TestVocabulary.tokenizer()
    #expect(tokenizer.encode("[MASK] rally").inputIDs == [101, 103, 8320, 102])
    #expect(tokenizer.tokens("abc[CLS]def") == ["abc", "[CLS]", "def"])
    // Only as written: lower case is ordinary punctuation and letters.
    #expect(tokenizer.tokens("[mask]") == ["[", "mask", "]"])
  }
}
