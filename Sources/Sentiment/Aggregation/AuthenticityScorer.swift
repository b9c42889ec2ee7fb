import Foundation
import TradingCore

/// Judges how far a news item is believed, from what can be seen without reading it closely:
/// who published it, whether others tell the same story, whether its headline is written to be
/// clicked rather than to inform, and whether its date makes sense. Pure: the time is passed in.
///
/// The factors, each a judgement rather than a measured model (see `Authenticity` for how they
/// combine):
///
/// - **Reputation**: `SourceReputation`, by publisher name or URL host.
/// - **Corroboration**: with `n` other publishers carrying the same story,
///   `corroboration = 1 − 0.5ⁿ` (0, 0.5, 0.75, 0.875, … → 1), combined with the reputation as
///   a noisy-OR, `trust = 1 − (1 − reputation)(1 − corroboration)`: as if each other publisher
///   independently had an even chance of having checked the story. Corroboration therefore
///   lifts an unknown blog a lot (0.4 → 0.7 → 0.85) and Reuters hardly at all (0.95 → 0.975),
///   and can never push trust past 1.
/// - **Clickbait**: each cue keeps 60 % of the weight, so `penalty = 1 − 0.6ᵏ` for `k` cues.
///   Cues are the phrases in `clickbaitPhrases` found in the headline or summary (each phrase
///   counted once), and a headline with two or more `!` or two or more `?`.
/// - **Capitals**: among the cased letters of the headline's words — leaving out the item's own
///   symbols and every all-capital word of at most five letters (tickers like `GOOGL`,
///   acronyms like `CEO`, `SEC`, `IPO`) — the share in upper case. Up to 0.7 is normal title
///   case; from 0.7 to 1 the penalty grows linearly from 0 to 0.5. Headlines with fewer than six
///   such letters are not judged.
/// - **Age**: an item already older than `maxAge` when assessed is old news being passed around
///   again: it loses half its weight for every further `maxAge`,
///   `penalty = 1 − 0.5^((age − maxAge) / maxAge)`. An item dated more than `futureTolerance`
///   after `now` has a wrong clock or a forged date: penalty 0.5.
public struct AuthenticityScorer: Sendable {
  public let reputation: SourceReputation
  /// Beyond this age an item is stale.
  public let maxAge: Duration
  /// How far in the future a date may be before it is suspicious: providers' clocks differ by
  /// seconds, sometimes minutes.
  public let futureTolerance: Duration

  /// Phrases (lower case, plain apostrophes) that mark a headline written to be clicked.
  public static let clickbaitPhrases: [String] = [
    "you won't believe", "you will not believe", "shocking", "this one stock", "skyrocket",
    "to the moon", "🚀", "!!!", "get rich", "before it's too late", "next big thing", "don't miss",
    "jaw-dropping", "mind-blowing", "millionaire",
  ]

  /// The share of weight each clickbait cue keeps.
  static let clickbaitKeep = 0.6
  /// Share of upper-case letters above which a headline counts as shouting.
  static let capsThreshold = 0.7
  /// The penalty of a headline entirely in capitals.
  static let capsMaximumPenalty = 0.5
  /// Fewer cased letters than this (after tickers and acronyms) are not judged for capitals.
  static let capsMinimumLetters = 6
  /// All-capital words of at most this many letters are taken for tickers or acronyms.
  static let acronymMaximumLetters = 5
  /// The penalty of an item dated too far in the future.
  static let futurePenalty = 0.5

  /// A scorer with the given reputation table, staleness age and future tolerance. `maxAge`
  /// must be positive (a programming error otherwise; configuration is validated before this).
  public init(
    reputation: SourceReputation = .standard, maxAge: Duration = .seconds(72 * 3600),
    futureTolerance: Duration = .seconds(300)
  ) {
    precondition(maxAge > .zero, "maxAge must be positive")
    self.reputation = reputation
    self.maxAge = maxAge
    self.futureTolerance = futureTolerance
  }

  /// How far `item` is believed at `now`, given that `corroborations` other publishers carry
  /// the same story (negative counts as 0).
  public func assess(_ item: NewsItem, corroborations: Int, now: Timestamp) -> Authenticity {
    let reputation = reputation.reputation(of: item)
    let corroboration = Self.corroboration(max(0, corroborations))
    let trust = reputation + (1 - reputation) * corroboration
    let clickbait = Self.clickbaitPenalty(title: item.title, summary: item.summary)
    let caps = Self.capsPenalty(title: item.title, symbols: item.symbols)
    let age = agePenalty(publishedAt: item.publishedAt, now: now)
    let weight = trust * (1 - clickbait) * (1 - caps) * (1 - age)
    return Authenticity(
      weight: weight.isFinite ? min(1, max(0, weight)) : 0, reputation: reputation,
      corroboration: corroboration, clickbaitPenalty: clickbait, capsPenalty: caps, agePenalty: age)
  }

  /// `1 − 0.5ⁿ`.
  static func corroboration(_ others: Int) -> Double {
    1 - Foundation.pow(0.5, Double(min(others, 1100)))
  }

  /// `1 − 0.6ᵏ` for the `k` clickbait cues of the headline and summary.
  static func clickbaitPenalty(title: String, summary: String) -> Double {
    let text = (title + "\n" + summary).lowercased().replacing("\u{2019}", with: "'")
    var cues = clickbaitPhrases.count { text.contains($0) }
    if title.count(where: { $0 == "!" || $0 == "\u{FF01}" }) >= 2 { cues += 1 }
    if title.count(where: { $0 == "?" || $0 == "\u{FF1F}" }) >= 2 { cues += 1 }
    return 1 - Foundation.pow(clickbaitKeep, Double(cues))
  }

  /// The capitals penalty of a headline (see the type's documentation).
  static func capsPenalty(title: String, symbols: [String]) -> Double {
    let ratio = upperCaseShare(of: title, ignoring: Set(symbols.map { $0.uppercased() }))
    guard let ratio, ratio > capsThreshold else { return 0 }
    return capsMaximumPenalty * (ratio - capsThreshold) / (1 - capsThreshold)
  }

  /// The share of upper-case letters among the cased letters of `title`'s words, without the
  /// words in `ignoring` and short all-capital words; nil with too few letters to judge.
  static func upperCaseShare(of title: String, ignoring symbols: Set<String>) -> Double? {
    var upper = 0
    var cased = 0
    for word in title.split(whereSeparator: { !$0.isLetter }) {
      let letters = word.filter { $0.isUppercase || $0.isLowercase }
      let upperInWord = letters.count(where: \.isUppercase)
      let allCapitals = upperInWord == letters.count
      if symbols.contains(String(word)) || (allCapitals && letters.count <= acronymMaximumLetters) { continue }
      upper += upperInWord
      cased += letters.count
    }
    guard cased >= capsMinimumLetters else { return nil }
    return Double(upper) / Double(cased)
  }

  /// The age penalty of an item published at `publishedAt`, assessed at `now`.
  func agePenalty(publishedAt: Timestamp, now: Timestamp) -> Double {
    let age = NewsAge.nanoseconds(of: publishedAt, at: now)
    if age < 0, age.magnitude > NewsAge.nanoseconds(of: futureTolerance).magnitude { return Self.futurePenalty }
    let maxAge = NewsAge.nanoseconds(of: maxAge)
    guard age > maxAge else { return 0 }
    let excess = Double(age - maxAge) / Double(maxAge)
    return 1 - Foundation.pow(0.5, excess)
  }
}
