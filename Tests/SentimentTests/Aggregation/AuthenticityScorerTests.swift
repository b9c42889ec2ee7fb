import Testing
import TradingCore

@testable import Sentiment

@Suite struct AuthenticityScorerTests {
  let scorer = AuthenticityScorer()
  let now = Timestamp(secondsSinceEpoch: 1_750_000_000)
  static let hour: Int64 = 3600

  func item(
    _ title: String = "Apple reports quarterly results", summary: String = "", publisher: String = "Reuters",
    ageSeconds: Int64 = 0, symbols: [String] = ["AAPL"]
  ) -> NewsItem {
    NewsItem(
      title: title, summary: summary, publisher: publisher, provider: "rss",
      publishedAt: now.adding(seconds: -ageSeconds), symbols: symbols)
  }

  @Test func aReputablePublisherWeighsMoreThanAnUnknownOne() {
    let reuters = scorer.assess(item(publisher: "Reuters"), corroborations: 0, now: now)
    let blog = scorer.assess(item(publisher: "Penny Stock Insider"), corroborations: 0, now: now)
    // A clean, fresh, uncorroborated item weighs exactly its publisher's reputation.
    #expect(reuters == Authenticity(weight: 0.95, reputation: 0.95))
    #expect(blog == Authenticity(weight: 0.4, reputation: 0.4))
  }

  @Test func corroborationRaisesTrustAndSaturates() {
    // Unknown publisher, reputation 0.4: trust = 1 − 0.6 × 0.5ⁿ = 0.4, 0.7, 0.85, 0.925.
    let expected = [0.4, 0.7, 0.85, 0.925]
    let weights = (0..<4).map { scorer.assess(item(publisher: "blog"), corroborations: $0, now: now).weight }
    for (weight, value) in zip(weights, expected) { #expect(abs(weight - value) < 1e-12) }
    // Each further publisher adds half as much as the one before, and trust never passes 1.
    #expect(abs((weights[2] - weights[1]) - (weights[1] - weights[0]) / 2) < 1e-12)
    let many = scorer.assess(item(publisher: "blog"), corroborations: 60, now: now)
    #expect(many.weight <= 1 && many.weight > 0.999_999)
    #expect(scorer.assess(item(publisher: "blog"), corroborations: .max, now: now).weight == 1)
    // Reuters gains little: 0.95 → 0.975.
    #expect(abs(scorer.assess(item(), corroborations: 1, now: now).weight - 0.975) < 1e-12)
    // A negative count is no corroboration.
    #expect(scorer.assess(item(publisher: "blog"), corroborations: -3, now: now).weight == 0.4)
  }

  @Test(arguments: [
    ("Apple reports quarterly results", "", 0),
    ("You Won’t Believe What This One Stock Did 🚀🚀", "", 3),  // phrase, phrase, rocket (once)
    ("AAPL to the moon", "", 1),
    ("Apple beats estimates!!", "", 1),  // two or more `!`
    ("Apple beats estimates!!!", "", 2),  // `!!!` and two or more `!`
    ("Is Apple done? Is it over?", "", 1),  // two or more `?`
    ("Apple reports results", "Analysts say shares could SKYROCKET.", 1),  // the summary counts too
    ("Shocking: get rich before it's too late", "", 3),
  ])
  func clickbaitCuesEachKeepSixtyPercent(title: String, summary: String, cues: Int) {
    let penalty = AuthenticityScorer.clickbaitPenalty(title: title, summary: summary)
    var kept = 1.0
    for _ in 0..<cues { kept *= 0.6 }
    #expect(abs(penalty - (1 - kept)) < 1e-12, "\(title)")
  }

  @Test func aHeadlineInCapitalsIsPenalised() {
    // SHARES and EARNINGS are counted (14 capitals of 14); APPLE, SURGE, AFTER, BEAT are short
    // all-capital words and left out.
    #expect(AuthenticityScorer.capsPenalty(title: "APPLE SHARES SURGE AFTER EARNINGS BEAT", symbols: ["AAPL"]) == 0.5)
    // HEADLINES MARKETS rally: 16 capitals of 21 letters; 0.5 × (16/21 − 0.7) / 0.3.
    let partial = AuthenticityScorer.capsPenalty(title: "HEADLINES MARKETS rally", symbols: [])
    #expect(abs(partial - 0.5 * (16.0 / 21 - 0.7) / 0.3) < 1e-12)
    // Tickers and acronyms in an ordinary headline are not shouting.
    let ordinary = "AAPL, MSFT and GOOGL lead Nasdaq gains as CEO comments lift tech"
    #expect(AuthenticityScorer.capsPenalty(title: ordinary, symbols: ["AAPL"]) == 0)
    // Too few letters left to judge.
    #expect(AuthenticityScorer.upperCaseShare(of: "BUY NOW", ignoring: []) == nil)
    // The item's own symbols are left out whatever their length.
    #expect(AuthenticityScorer.upperCaseShare(of: "BERKSHIRE climbs higher", ignoring: ["BERKSHIRE"]) == 0)
    #expect(AuthenticityScorer.upperCaseShare(of: "BERKSHIRE climbs higher", ignoring: []) == 9.0 / 21)
  }

  @Test func staleAndFutureItemsArePenalised() {
    let maxAge = 72 * Self.hour
    func penalty(ageSeconds: Int64) -> Double {
      scorer.assess(item(ageSeconds: ageSeconds), corroborations: 0, now: now).agePenalty
    }
    #expect(penalty(ageSeconds: 0) == 0)
    #expect(penalty(ageSeconds: maxAge) == 0)
    #expect(penalty(ageSeconds: 2 * maxAge) == 0.5)
    #expect(penalty(ageSeconds: 3 * maxAge) == 0.75)
    #expect(penalty(ageSeconds: -300) == 0)  // within the 5-minute tolerance
    #expect(penalty(ageSeconds: -301) == 0.5)
    #expect(penalty(ageSeconds: -30 * 86_400) == 0.5)
  }

  @Test func factorsCombineMultiplicatively() {
    // Unknown (0.4) with one corroboration → trust 0.7; one clickbait cue keeps 0.6; two maxAges
    // old keeps 0.5: 0.7 × 0.6 × 0.5 = 0.21.
    let assessed = scorer.assess(
      item("Shocking results at Apple", publisher: "blog", ageSeconds: 144 * Self.hour), corroborations: 1, now: now)
    #expect(assessed.reputation == 0.4 && assessed.corroboration == 0.5)
    #expect(abs(assessed.clickbaitPenalty - 0.4) < 1e-12 && assessed.capsPenalty == 0 && assessed.agePenalty == 0.5)
    #expect(abs(assessed.weight - 0.21) < 1e-12)
  }

  @Test func theWeightIsAlwaysFiniteAndInTheUnitInterval() {
    let titles = [
      "", "!!!!!!!!", "🚀🚀🚀 TO THE MOON 🚀🚀🚀 YOU WON'T BELIEVE THIS ONE STOCK!!! SHOCKING???",
      "ordinary headline", "ÉNORME HAUSSE DES ACTIONS", "株価が急騰", String(repeating: "A", count: 10_000),
    ]
    let publishers = ["Reuters", "", "blog", "www.ft.com"]
    let dates: [Int64] = [.min, -1, 0, now.nanosecondsSinceEpoch, .max]
    let corroborations = [Int.min, -1, 0, 1, 5, 1_000, .max]
    let tables = [SourceReputation.standard, SourceReputation(["blog": .nan, "Reuters": .infinity], unknown: .nan)]
    for table in tables {
      let scorer = AuthenticityScorer(reputation: table)
      for title in titles {
        for publisher in publishers {
          for date in dates {
            let news = NewsItem(
              title: title, summary: title, publisher: publisher, provider: "rss",
              publishedAt: Timestamp(nanosecondsSinceEpoch: date), symbols: [])
            for count in corroborations {
              let weight = scorer.assess(news, corroborations: count, now: now).weight
              #expect(weight.isFinite && (0...1).contains(weight), "\(title) \(publisher) \(date) \(count)")
            }
          }
        }
      }
    }
  }
}
