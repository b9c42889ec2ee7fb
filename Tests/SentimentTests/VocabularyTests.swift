import Foundation
import Sentiment
import Testing

/// Loading `vocab.txt`: ids by line, the special tokens, and the errors a user can act on.
struct VocabularyTests {
  static let specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]

  @Test func aMissingFileIsATypedError() {
    let path = "/nonexistent/aitrader/vocab.txt"
    #expect(throws: VocabularyError.fileNotFound(path: path)) { try Vocabulary(contentsOfFile: path) }
    #expect(throws: VocabularyError.fileNotFound(path: path)) { try BertTokenizer(vocabularyFile: path) }
    #expect(VocabularyError.fileNotFound(path: path).description.contains("scripts/setup.sh"))
  }

  @Test func aMissingSpecialTokenIsATypedError() {
    #expect(throws: VocabularyError.missingSpecialToken("[MASK]", source: "in memory")) {
      try Vocabulary(tokens: ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "hello"])
    }
  }

  @Test func idsAreLineNumbersAndLinesAreTrimmedAsHuggingFaceReadsThem() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("vocab-\(UUID().uuidString).txt")
    defer { try? FileManager.default.removeItem(at: file) }
    // CRLF and trailing blanks are trimmed; "x" twice: the later line's id wins.
    try Data((Self.specials.joined(separator: "\n") + "\nabc  \nde\r\nx\nx\n").utf8).write(to: file)
    let vocabulary = try Vocabulary(contentsOfFile: file.path)
    #expect(vocabulary.count == 9)
    #expect(vocabulary.id(of: "abc") == 5)
    #expect(vocabulary.id(of: "de") == 6)
    #expect(vocabulary.id(of: "x") == 8)
    #expect(vocabulary.token(of: 6) == "de")
    #expect(vocabulary.token(of: 9) == nil)
    #expect(vocabulary.specialTokens.all.map(\.id) == [0, 1, 2, 3, 4])
  }

  @Test func wordPieceTakesTheLongestTokenFirst() throws {
    let vocabulary = try Vocabulary(tokens: Self.specials + ["un", "una", "##aff", "##able", "##ffable", "##ff"])
    let wordPiece = WordPieceTokenizer(vocabulary: vocabulary)
    // "una" + "##ffable", not "un" + "##aff" + "##able": the longest first piece wins.
    #expect(wordPiece.ids(of: "unaffable") == [6, 9])
    #expect(wordPiece.ids(of: "un") == [5])
    // No piece for the "z" at the end: the whole word is [UNK].
    #expect(wordPiece.ids(of: "unaffablez") == [1])
    #expect(WordPieceTokenizer(vocabulary: vocabulary, maxInputCharactersPerWord: 8).ids(of: "unaffable") == [1])
  }

  @Test(.enabled(if: TestVocabulary.shouldRun, "the BERT vocabulary is installed by scripts/setup.sh"))
  func theVendoredVocabularyIsBertUncased() throws {
    let vocabulary = try TestVocabulary.tokenizer().vocabulary
    #expect(vocabulary.count == 30_522)
    #expect(vocabulary.specialTokens.all.map(\.id) == [0, 100, 101, 102, 103])
    #expect(vocabulary.id(of: "the") == 1996)
    #expect(vocabulary.id(of: "##s") == 2015)
  }
}
