import Dispatch
import Foundation
import Sentiment
import Testing

/// The tokenizer gives the ids of Hugging Face `tokenizers` 0.23.3 (`BertWordPieceTokenizer`,
/// lower case), as recorded by scripts/make_tokenizer_fixture.py.
@Suite(.enabled(if: TestVocabulary.shouldRun, "the BERT vocabulary is installed by scripts/setup.sh"))
struct WordPieceParityTests {
  /// One line of `wordpiece_expected.jsonl`.
  struct Sentence: Decodable {
    var kind: String
    var text: String
    var ids: [Int64]
    /// What `tokenizers`' normaliser and pre-tokeniser make of the text: WordPiece's input.
    var words: [String]
  }

  /// `codepoint_hashes.json`.
  struct CodePointHashes: Decodable {
    var tokenizers: String
    var block: Int
    var hashes: [String]
  }

  static func sentences() throws -> [Sentence] {
    let data = try Data(contentsOf: TestVocabulary.fixture("wordpiece_expected", "jsonl"))
    let decoder = JSONDecoder()
    return try data.split(separator: UInt8(ascii: "\n")).map { try decoder.decode(Sentence.self, from: Data($0)) }
  }

  @Test func everyFixtureSentenceGetsTheReferenceIDs() throws {
    let tokenizer = try TestVocabulary.tokenizer()
    let sentences = try Self.sentences()
    #expect(sentences.count >= 1_000)
    var mismatches = 0
    for (line, sentence) in sentences.enumerated() {
      let ids = tokenizer.encode(sentence.text, maxLength: 100_000).inputIDs
      guard ids != sentence.ids else { continue }
      mismatches += 1
      if mismatches == 1 {
        let expectedTokens = sentence.ids.map { tokenizer.vocabulary.tokens[Int($0)] }
        let tokens = ids.map { tokenizer.vocabulary.tokens[Int($0)] }
        Issue.record(
          """
          first mismatch, line \(line + 1) (\(sentence.kind)): \(sentence.text.debugDescription)
            expected \(sentence.ids) \(expectedTokens)
            got      \(ids) \(tokens)
          """)
      }
    }
    #expect(mismatches == 0, "\(mismatches) of \(sentences.count) sentences differ")
  }

  /// The words before WordPiece match too, scalar by scalar (Swift's `==` on strings would let a
  /// decomposed word equal a composed one). Many words differ only in scalars the vocabulary
  /// lacks, where the ids alone would show `[UNK]` either way.
  @Test func everyFixtureSentenceGetsTheReferenceWords() throws {
    let basic = BasicTokenizer()
    let sentences = try Self.sentences()
    var mismatches = 0
    for (line, sentence) in sentences.enumerated() {
      let words = basic.words(in: sentence.text)
      guard words.map({ Array($0.unicodeScalars) }) != sentence.words.map({ Array($0.unicodeScalars) }) else {
        continue
      }
      mismatches += 1
      if mismatches == 1 {
        Issue.record(
          """
          first mismatch, line \(line + 1) (\(sentence.kind)): \(sentence.text.debugDescription)
            expected \(sentence.words.map(Self.scalars))
            got      \(words.map(Self.scalars))
          """)
      }
    }
    #expect(mismatches == 0, "\(mismatches) of \(sentences.count) sentences differ")
  }

  /// A word's scalars in hexadecimal, for messages.
  static func scalars(_ word: String) -> String {
    word.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ")
  }

  /// Every Unicode scalar gets the words (between two letters) and the ids (alone) that
  /// `tokenizers` gives it: the records of each block of scalars hash to the value recorded from
  /// `tokenizers`.
  @Test func everyUnicodeScalarGetsTheReferenceWordsAndIDs() async throws {
    let tokenizer = try TestVocabulary.tokenizer()
    let fixture = try JSONDecoder().decode(
      CodePointHashes.self, from: Data(contentsOf: TestVocabulary.fixture("codepoint_hashes", "json")))
    #expect(fixture.hashes.count * fixture.block == 0x11_0000)
    // 1.1M scalars are a few seconds of CPU: they run on one Dispatch thread, so that the two
    // threads of Swift's cooperative pool stay free for the suites running beside this one.
    let mismatched: [Int] = await withCheckedContinuation { continuation in
      DispatchQueue.global().async {
        continuation.resume(
          returning: fixture.hashes.indices.filter { block in
            Self.hash(block: block, size: fixture.block, tokenizer: tokenizer) != fixture.hashes[block]
          })
      }
    }
    #expect(
      mismatched.isEmpty,
      """
      scalars of \(mismatched.count) blocks differ from tokenizers \(fixture.tokenizers); first block: \
      \(mismatched.first.map { String($0 * fixture.block, radix: 16) } ?? "-")
      """)
  }

  /// FNV-1a 64 of "<hex>:<words>=<ids>\n" for each scalar c of the block: the words of "a" + c +
  /// "b" joined by U+001F, the ids of c alone joined by "," (scripts/make_tokenizer_fixture.py).
  static func hash(block: Int, size: Int, tokenizer: BertTokenizer) -> String {
    var state: UInt64 = 0xCBF2_9CE4_8422_2325
    for value in block * size..<(block + 1) * size {
      guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
      let text = String(Character(scalar))
      let words = tokenizer.basicTokenizer.words(in: "a\(text)b").joined(separator: "\u{1F}")
      let ids = tokenizer.encode(text, maxLength: 1_000).inputIDs.dropFirst().dropLast()
      let record = "\(String(value, radix: 16)):\(words)=\(ids.map(String.init).joined(separator: ","))\n"
      for byte in record.utf8 { state = (state ^ UInt64(byte)) &* 0x100_0000_01B3 }
    }
    let hex = String(state, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}
