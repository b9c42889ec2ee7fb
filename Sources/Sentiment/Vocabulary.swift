import Foundation

/// A BERT WordPiece vocabulary: `vocab.txt`, one token per line, a token's id its line number
/// (from 0).
///
/// Lines are read as Hugging Face `tokenizers` reads them (`WordPiece::read_file`): split at LF,
/// trailing white space (a CR included) trimmed, and when a token appears twice the later line's
/// id wins.
public struct Vocabulary: Sendable {
  /// The ids of BERT's five special tokens.
  public struct SpecialTokens: Sendable, Hashable {
    /// `[PAD]`: fills a sequence up to a fixed length; masked out.
    public let padding: Int
    /// `[UNK]`: stands for a word WordPiece cannot spell.
    public let unknown: Int
    /// `[CLS]`: opens every sequence; its output feeds the classifier.
    public let classifier: Int
    /// `[SEP]`: closes every sequence.
    public let separator: Int
    /// `[MASK]`: the masked-language-model placeholder.
    public let mask: Int

    /// The five tokens as written in `vocab.txt`, with their ids.
    public var all: [(token: String, id: Int)] {
      [("[PAD]", padding), ("[UNK]", unknown), ("[CLS]", classifier), ("[SEP]", separator), ("[MASK]", mask)]
    }
  }

  /// The tokens, by id.
  public let tokens: [String]
  /// The special tokens' ids.
  public let specialTokens: SpecialTokens
  private let ids: [String: Int]

  /// Reads `vocab.txt` at `path`.
  public init(contentsOfFile path: String) throws(VocabularyError) {
    guard FileManager.default.fileExists(atPath: path) else { throw .fileNotFound(path: path) }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .unreadable(path: path, reason: "\(error)")
    }
    guard let text = String(validating: data, as: UTF8.self) else {
      throw .unreadable(path: path, reason: "not UTF-8 text")
    }
    var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    if lines.last?.isEmpty == true { lines.removeLast() }
    try self.init(tokens: lines.map { String(Substring($0)) }, source: path)
  }

  /// A vocabulary of `tokens`, token `i` having id `i`; `source` names it in errors.
  public init(tokens: [String], source: String = "in memory") throws(VocabularyError) {
    let tokens = tokens.map(Self.trimmingTrailingWhiteSpace)
    var ids: [String: Int] = [:]
    ids.reserveCapacity(tokens.count)
    for (id, token) in tokens.enumerated() { ids[token] = id }
    func id(_ token: String) throws(VocabularyError) -> Int {
      guard let id = ids[token] else { throw .missingSpecialToken(token, source: source) }
      return id
    }
    specialTokens = SpecialTokens(
      padding: try id("[PAD]"), unknown: try id("[UNK]"), classifier: try id("[CLS]"), separator: try id("[SEP]"),
      mask: try id("[MASK]"))
    self.tokens = tokens
    self.ids = ids
  }

  /// How many ids there are (lines in the file).
  public var count: Int { tokens.count }

  /// The id of `token`, if the vocabulary has it.
  public func id(of token: String) -> Int? { ids[token] }

  /// The token of `id`, if there is one.
  public func token(of id: Int) -> String? { tokens.indices.contains(id) ? tokens[id] : nil }

  private static func trimmingTrailingWhiteSpace(_ line: String) -> String {
    var scalars = line.unicodeScalars[...]
    while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
    return scalars.count == line.unicodeScalars.count ? line : String(String.UnicodeScalarView(scalars))
  }
}
