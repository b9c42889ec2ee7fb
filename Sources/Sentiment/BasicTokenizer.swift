/// BERT's basic tokenization for an uncased vocabulary: normalises a text and cuts it into the
/// words WordPiece then spells.
///
/// It follows Hugging Face `tokenizers` (`BertNormalizer` with clean-up, Chinese characters,
/// accent stripping and lower case; then `BertPreTokenizer`), which refines the rules of the
/// original BERT `tokenization.py`. Step by step, on Unicode scalars (not Swift `Character`s):
/// 1. clean-up drops NUL, U+FFFD and control characters (tab, LF and CR excepted) and turns every
///    other White_Space character into a space;
/// 2. each CJK ideograph gets a space on either side;
/// 3. accents go: canonical decomposition (NFD), then nonspacing marks (Mn) are dropped;
/// 4. each scalar is lower-cased (full mapping, no context: `Σ` is always `σ`);
/// 5. words end at white space, and every punctuation character (ASCII 33–47, 58–64, 91–96,
///    123–126, and the P* categories) is a word of its own.
///
/// Which scalar is which follows `tokenizers`' own, older, Unicode data: see `BertCharacters`.
public struct BasicTokenizer: Sendable {
  let characters: BertCharacters
  let decomposition: CanonicalDecomposition

  public init() {
    characters = .shared
    decomposition = .shared
  }

  /// The words of `text`, normalised: what WordPiece receives.
  public func words(in text: String) -> [String] {
    var scanner = WordScanner(characters: characters, decomposition: decomposition, sink: WordCollector())
    var text = text
    text.withUTF8 { scanner.scan($0) }
    return scanner.sink.words
  }
}

/// Receives the words of a text one by one, as `WordScanner` finds them.
protocol WordSink {
  /// Takes one word: its UTF-8 bytes (never empty) and how many Unicode scalars it has. Returns
  /// false when it wants no more words.
  mutating func take(word: UnsafeBufferPointer<UInt8>, scalarCount: Int) -> Bool
}

/// Keeps the words as strings.
struct WordCollector: WordSink {
  var words: [String] = []

  mutating func take(word: UnsafeBufferPointer<UInt8>, scalarCount: Int) -> Bool {
    words.append(String(decoding: word, as: UTF8.self))
    return true
  }
}
