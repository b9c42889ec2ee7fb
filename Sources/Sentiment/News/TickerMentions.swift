/// Which of the symbols a text names, for feeds that are not about one symbol.
enum TickerMentions {
  /// The symbols among `symbols` (upper-case) that `text` names, in `symbols`' order: the ticker
  /// as a whole word in the same capitals (`AAPL`, `(AAPL)`, `NASDAQ:AAPL`, `AAPL's`), or as a
  /// cashtag (`$AAPL`). A one-letter ticker counts only as a cashtag: as a word, `A` is mostly
  /// the article and `F` an initial.
  static func named(in text: String, among symbols: [String]) -> [String] {
    symbols.filter { symbol in
      !symbol.isEmpty && text.ranges(of: symbol).contains { isMention(of: symbol, at: $0, in: text) }
    }
  }

  private static func isMention(of symbol: String, at range: Range<String.Index>, in text: String) -> Bool {
    let before = range.lowerBound > text.startIndex ? text[text.index(before: range.lowerBound)] : nil
    let after = range.upperBound < text.endIndex ? text[range.upperBound] : nil
    guard !isWordCharacter(after) else { return false }
    if before == "$" { return true }
    return symbol.count > 1 && !isWordCharacter(before)
  }

  private static func isWordCharacter(_ character: Character?) -> Bool {
    guard let character else { return false }
    return character.isLetter || character.isNumber || character == "_"
  }
}
