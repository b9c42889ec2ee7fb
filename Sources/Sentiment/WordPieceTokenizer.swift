/// WordPiece: spells a word with vocabulary tokens, greedily, longest match first.
///
/// The first piece is a token as it stands; each further piece is a `##` continuation token.
/// A word that cannot be spelled to its end, or that is longer than
/// `maxInputCharactersPerWord` Unicode scalars (Hugging Face counts `char`s, not bytes), is the
/// single token `[UNK]`.
public struct WordPieceTokenizer: Sendable {
  /// Longer words are `[UNK]` whole.
  public let maxInputCharactersPerWord: Int
  let unknownID: Int64
  /// Every token, for the first piece of a word.
  private let wordStarts: TokenTrie
  /// `##` tokens without their prefix, for the pieces after the first.
  private let continuations: TokenTrie

  public init(vocabulary: Vocabulary, maxInputCharactersPerWord: Int = 100) {
    self.maxInputCharactersPerWord = maxInputCharactersPerWord
    unknownID = Int64(vocabulary.specialTokens.unknown)
    let entries = vocabulary.tokens.enumerated().map { (bytes: Array($0.element.utf8), id: Int32($0.offset)) }
    wordStarts = TokenTrie(entries)
    let prefix = Array("##".utf8)
    continuations = TokenTrie(
      entries.filter { $0.bytes.count > prefix.count && $0.bytes.starts(with: prefix) }
        .map { (bytes: Array($0.bytes.dropFirst(prefix.count)), id: $0.id) })
  }

  /// The ids that spell `word`, one word of `BasicTokenizer`'s output.
  public func ids(of word: String) -> [Int] {
    var ids: [Int64] = []
    let scalarCount = word.unicodeScalars.count
    var word = word
    word.withUTF8 { append(word: $0, scalarCount: scalarCount, to: &ids) }
    return ids.map { Int($0) }
  }

  /// Appends the ids that spell `word` (UTF-8, `scalarCount` scalars, not empty) to `ids`.
  func append(word: UnsafeBufferPointer<UInt8>, scalarCount: Int, to ids: inout [Int64]) {
    guard scalarCount <= maxInputCharactersPerWord else {
      ids.append(unknownID)
      return
    }
    let firstPiece = ids.count
    var start = 0
    while start < word.count {
      guard let match = (start == 0 ? wordStarts : continuations).longestMatch(in: word, from: start) else {
        ids.removeSubrange(firstPiece...)
        ids.append(unknownID)
        return
      }
      ids.append(Int64(match.id))
      start = match.end
    }
  }
}
