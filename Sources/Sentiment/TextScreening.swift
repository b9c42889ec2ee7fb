/// Why a text is not scored: the checks the FinBERT service applies to every text it is asked
/// about and the sentiment engine to every news item, so that both refuse the same things.
public enum TextProblem: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// Empty, or only whitespace.
  case empty
  /// Longer than the limit, in UTF-8 bytes.
  case tooLong = "too_long"
  /// Not text: NUL or other control characters (tab, line feed and carriage return aside), or
  /// U+FFFD, which is what undecodable bytes become.
  case binary

  public var description: String {
    switch self {
    case .empty: "the text is empty"
    case .tooLong: "the text is longer than the limit"
    case .binary: "the text holds control characters or undecodable bytes, not text"
    }
  }

  /// The first problem `text` has with a limit of `maximumBytes` UTF-8 bytes, or nil when it
  /// can be scored.
  public static func of(_ text: String, maximumBytes: Int) -> TextProblem? {
    if text.utf8.count > maximumBytes { return .tooLong }
    var onlyWhitespace = true
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x09, 0x0A, 0x0D, 0x20: continue
      case 0x00..<0x20, 0x7F, 0xFFFD: return .binary
      default: if !scalar.properties.isWhitespace { onlyWhitespace = false }
      }
    }
    return onlyWhitespace ? .empty : nil
  }
}
