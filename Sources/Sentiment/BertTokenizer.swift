/// BERT's tokenizer for an uncased WordPiece vocabulary: text in, model inputs out.
///
/// Gives the ids of Hugging Face `tokenizers`' `BertWordPieceTokenizer(vocab, lowercase=True)`
/// (and of `transformers.BertTokenizerFast`): `BasicTokenizer`, then `WordPieceTokenizer` on
/// each word, between `[CLS]` and `[SEP]`. As there, the five special tokens written literally in
/// the text (`[MASK]`, case and all) are matched before any normalisation and stand for
/// themselves; `Tests/SentimentTests` checks the ids against that library's on fixed sentences
/// and on every Unicode scalar.
public struct BertTokenizer: Sendable {
  /// How `encodeBatch` (and `encode`) lengthen encodings with `[PAD]`.
  public enum Padding: Sendable, Hashable {
    /// Every encoding keeps its own length.
    case none
    /// Up to the longest encoding of the batch.
    case longest
    /// Up to `maxLength`.
    case maxLength
  }

  public let vocabulary: Vocabulary
  public let basicTokenizer: BasicTokenizer
  public let wordPiece: WordPieceTokenizer
  /// The special tokens as they may appear in a text, in UTF-8, with their ids.
  private let specialTokens: [(bytes: [UInt8], id: Int64)]

  public init(vocabulary: Vocabulary) {
    self.vocabulary = vocabulary
    basicTokenizer = BasicTokenizer()
    wordPiece = WordPieceTokenizer(vocabulary: vocabulary)
    specialTokens = vocabulary.specialTokens.all.map { (Array($0.token.utf8), Int64($0.id)) }
  }

  /// The tokenizer of the `vocab.txt` at `path`.
  public init(vocabularyFile path: String) throws(VocabularyError) {
    self.init(vocabulary: try Vocabulary(contentsOfFile: path))
  }

  /// `[CLS]`, the tokens of `text`, `[SEP]`: at most `maxLength` ids (the text's tokens cut at the
  /// end to make room, `[SEP]` kept last, as `truncation=True, max_length=maxLength` does), padded
  /// to `maxLength` when `padding` is `.maxLength`.
  public func encode(_ text: String, maxLength: Int = 128, padding: Padding = .none) -> Encoding {
    precondition(maxLength >= 2, "maxLength must leave room for [CLS] and [SEP]")
    var ids = tokenize(text, after: Int64(vocabulary.specialTokens.classifier), limit: maxLength - 1)
    if ids.count > maxLength - 1 { ids.removeSubrange((maxLength - 1)...) }
    ids.append(Int64(vocabulary.specialTokens.separator))
    var encoding = Encoding(
      inputIDs: ids, attentionMask: Array(repeating: 1, count: ids.count),
      tokenTypeIDs: Array(repeating: 0, count: ids.count))
    if padding == .maxLength { encoding.pad(to: maxLength, with: Int64(vocabulary.specialTokens.padding)) }
    return encoding
  }

  /// `encode` for each text, padded to the longest of them or to `maxLength`.
  public func encodeBatch(_ texts: [String], maxLength: Int = 128, padding: Padding = .longest) -> [Encoding] {
    var encodings = texts.map { encode($0, maxLength: maxLength) }
    let length: Int
    switch padding {
    case .none: return encodings
    case .longest: length = encodings.map(\.count).max() ?? 0
    case .maxLength: length = maxLength
    }
    let paddingID = Int64(vocabulary.specialTokens.padding)
    for index in encodings.indices { encodings[index].pad(to: length, with: paddingID) }
    return encodings
  }

  /// The tokens of `text`, without `[CLS]`, `[SEP]` or truncation.
  public func tokens(_ text: String) -> [String] {
    tokenize(text, after: nil, limit: .max).map { vocabulary.tokens[Int($0)] }
  }

  /// `first` (if any) followed by the ids of `text`: special tokens where the text spells them,
  /// and the basic-then-WordPiece tokens of the stretches between, each normalised on its own.
  /// Stops after the first word that brings the count to `limit` or more.
  private func tokenize(_ text: String, after first: Int64?, limit: Int) -> [Int64] {
    var ids: [Int64] = []
    ids.reserveCapacity(min(limit, 64))
    if let first { ids.append(first) }
    var text = text
    return text.withUTF8 { bytes in
      var scanner = WordScanner(
        characters: basicTokenizer.characters, decomposition: basicTokenizer.decomposition,
        sink: IDSink(wordPiece: wordPiece, ids: ids, limit: limit))
      ids = []
      var stretchStart = 0
      var index = 0
      while index < bytes.count && !scanner.stopped {
        guard bytes[index] == UInt8(ascii: "["), let special = specialToken(in: bytes, at: index) else {
          index += 1
          continue
        }
        scanner.scan(UnsafeBufferPointer(rebasing: bytes[stretchStart..<index]))
        scanner.feed { $0.take(specialID: special.id) }
        index += special.length
        stretchStart = index
      }
      if !scanner.stopped { scanner.scan(UnsafeBufferPointer(rebasing: bytes[stretchStart...])) }
      return scanner.sink.ids
    }
  }

  /// The special token spelled at `index` of `bytes`, if any.
  private func specialToken(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (id: Int64, length: Int)? {
    for special in specialTokens where index + special.bytes.count <= bytes.count {
      if special.bytes.indices.allSatisfy({ bytes[index + $0] == special.bytes[$0] }) {
        return (special.id, special.bytes.count)
      }
    }
    return nil
  }
}

/// Spells each word with WordPiece into `ids`, and stops taking words once `ids` holds `limit`
/// ids: tokens past that would be cut anyway.
private struct IDSink: WordSink {
  let wordPiece: WordPieceTokenizer
  var ids: [Int64]
  let limit: Int

  mutating func take(word: UnsafeBufferPointer<UInt8>, scalarCount: Int) -> Bool {
    wordPiece.append(word: word, scalarCount: scalarCount, to: &ids)
    return ids.count < limit
  }

  mutating func take(specialID: Int64) -> Bool {
    ids.append(specialID)
    return ids.count < limit
  }
}
