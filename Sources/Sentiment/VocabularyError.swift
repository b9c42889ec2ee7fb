/// Why a WordPiece vocabulary could not be loaded.
public enum VocabularyError: Error, Sendable, Hashable, CustomStringConvertible {
  /// No file at that path.
  case fileNotFound(path: String)
  /// The file exists but could not be read, or is not UTF-8 text.
  case unreadable(path: String, reason: String)
  /// One of BERT's special tokens is not in the vocabulary.
  case missingSpecialToken(String, source: String)

  public var description: String {
    switch self {
    case .fileNotFound(let path):
      "vocabulary file not found at \(path); run `bash scripts/setup.sh` to fetch the BERT vocabulary"
    case .unreadable(let path, let reason):
      "vocabulary file \(path) could not be read: \(reason)"
    case .missingSpecialToken(let token, let source):
      "vocabulary \(source) has no \(token) token; a BERT vocabulary needs [PAD] [UNK] [CLS] [SEP] [MASK]"
    }
  }
}
