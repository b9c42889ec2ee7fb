/// Sentiment from a financial word list: the embedded default where no FinBERT model is
/// installed. Same output shape as FinBERT.
///
/// Words are the runs of letters (and inner apostrophes) of the text, upper-cased, with a
/// trailing possessive `'S` dropped. Each word in the lexicon's positive list counts positive,
/// unless one of the three words before it is a negation — then it counts negative, as
/// Loughran and McDonald do ("When Is a Liability Not a Liability?", Journal of Finance 66(1),
/// 2011: positive words preceded within three words by no, not, none, neither, never, nobody);
/// contractions ending in n't and `cannot`/`without` negate too. Negative words count negative.
///
/// With P positive and N negative hits, the probabilities are P, N and 1 over P + N + 1: a text
/// without a hit is neutral, one positive word gives 0.5 positive, and more hits weigh more.
public struct LexiconScorer: SentimentScorer {
  public let name = "lexicon:loughran-mcdonald"
  public let lexicon: FinancialLexicon
  /// Longest text scored, in UTF-8 bytes; the rest is ignored.
  public let maximumBytes: Int

  static let negations: Set<String> = ["NO", "NOT", "NONE", "NEITHER", "NEVER", "NOBODY", "CANNOT", "WITHOUT"]

  public init(lexicon: FinancialLexicon, maximumBytes: Int = 100_000) {
    self.lexicon = lexicon
    self.maximumBytes = maximumBytes
  }

  public func score(_ texts: [String]) async throws -> [SentimentScores] { texts.map(score) }

  /// The sentiment of one text.
  public func score(_ text: String) -> SentimentScores {
    let counts = hits(in: text)
    return SentimentScores(positive: Double(counts.positive), negative: Double(counts.negative), neutral: 1)
  }

  /// Positive and negative hits in `text`, negation applied.
  public func hits(in text: String) -> (positive: Int, negative: Int) {
    var positive = 0
    var negative = 0
    var sinceNegation = Int.max
    for word in Self.words(in: Self.prefix(of: text, bytes: maximumBytes)) {
      sinceNegation = sinceNegation == .max ? .max : sinceNegation + 1
      if Self.negates(word) {
        sinceNegation = 0
        continue
      }
      if lexicon.positive.contains(word) {
        if sinceNegation <= 3 { negative += 1 } else { positive += 1 }
      } else if lexicon.negative.contains(word) {
        negative += 1
      }
    }
    return (positive, negative)
  }

  /// `text` cut to at most `bytes` UTF-8 bytes (a character cut in two becomes U+FFFD).
  static func prefix(of text: String, bytes: Int) -> Substring {
    guard text.utf8.count > bytes else { return text[...] }
    return String(decoding: text.utf8.prefix(bytes), as: UTF8.self)[...]
  }

  static func negates(_ word: String) -> Bool { negations.contains(word) || word.hasSuffix("N'T") }

  /// The upper-cased words of `text`: runs of ASCII letters and inner apostrophes (' or ’),
  /// without a possessive 'S. Any other character ends a word (the lexicon is ASCII).
  static func words(in text: Substring) -> [String] {
    var words: [String] = []
    var current = String.UnicodeScalarView()
    func finish() {
      while current.last == "'" { current.removeLast() }
      if current.count > 2, current.suffix(2).elementsEqual("'S".unicodeScalars) { current.removeLast(2) }
      if !current.isEmpty { words.append(String(current)) }
      current.removeAll(keepingCapacity: true)
    }
    for scalar in text.unicodeScalars {
      switch scalar {
      case "a"..."z": current.append(Unicode.Scalar(scalar.value - 32)!)
      case "A"..."Z": current.append(scalar)
      case "'", "\u{2019}":
        if current.isEmpty { finish() } else { current.append("'") }
      default: finish()
      }
    }
    finish()
    return words
  }
}
