/// How Hugging Face's BERT normaliser and pre-tokeniser treat each Unicode scalar.
///
/// The classes come from `BertCharacterTables`, which records what `tokenizers` itself answers
/// for every scalar: its Unicode data is older than Swift's (categories from about Unicode 8,
/// normalisation from Unicode 9), so Swift's own `generalCategory` would disagree on characters
/// added since (`U+0890` is a format control to Swift and a letter to `tokenizers`).
struct BertCharacters: Sendable {
  /// What the first pass does with an ASCII byte, or the byte itself lower-cased when it is part of
  /// a word (always at least `0x30`, above the codes below).
  enum ASCIICode {
    static let removed: UInt8 = 0
    static let space: UInt8 = 1
    static let punctuation: UInt8 = 2
  }

  static let shared = BertCharacters()

  /// Dropped by clean-up (controls, NUL, U+FFFD).
  let removed = ScalarRanges(BertCharacterTables.removed)
  /// Mapped to a space by clean-up.
  let spaced = ScalarRanges(BertCharacterTables.spaced)
  /// CJK ideographs, which become words of their own.
  let ideographs = ScalarRanges(BertCharacterTables.ideographs)
  /// Split off as one-character words.
  let punctuation = ScalarRanges(BertCharacterTables.punctuation)
  /// Where words end (White_Space).
  let separators = ScalarRanges(BertCharacterTables.separators)
  /// Nonspacing marks, dropped with the accents.
  let marks = ScalarRanges(BertCharacterTables.marks)
  /// `ASCIICode` of each ASCII byte.
  let ascii: [UInt8]

  private init() {
    var ascii = [UInt8](repeating: 0, count: 128)
    for byte in UInt32(0)..<128 {
      let code: UInt8
      if removed.contains(byte) {
        code = ASCIICode.removed
      } else if spaced.contains(byte) || separators.contains(byte) {
        code = ASCIICode.space
      } else if punctuation.contains(byte) {
        code = ASCIICode.punctuation
      } else {
        // Letters and digits: lower-case ASCII is what `char::to_lowercase` gives them.
        code = UInt8(byte) | (UInt8(ascii: "A")...UInt8(ascii: "Z") ~= UInt8(byte) ? 0x20 : 0)
        precondition(code >= 0x30, "an ASCII word character below '0': \(byte)")
      }
      ascii[Int(byte)] = code
    }
    self.ascii = ascii
  }
}
