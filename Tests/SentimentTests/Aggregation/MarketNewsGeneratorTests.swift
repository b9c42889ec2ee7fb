import Foundation
import Testing
import TradingCore

@testable import Sentiment

@Suite struct MarketNewsGeneratorTests {
  let start = Timestamp(secondsSinceEpoch: 1_750_000_000)

  /// The Loughran–McDonald words the templates use, with the dictionary's own classes (checked
  /// against the real dictionary in `theRealDictionaryReadsHeadlinesTheWayThePriceWent`).
  static let handLexicon = FinancialLexicon(
    positive: ["GAIN", "GAINS", "STRONG", "STRONGEST", "IMPROVED", "BETTER", "REBOUND", "OPPORTUNITY"],
    negative: ["DECLINE", "LOSSES", "WEAK", "CONCERNS", "WORRIES", "WARN", "SLOWDOWN"])

  /// `count` prices of a seeded random walk with 2 % steps, so that every size bucket occurs.
  func walk(seed: UInt64, count: Int) -> [Double] {
    var random = SplitMix64(seed: seed)
    var prices = [100.0]
    for _ in 1..<count { prices.append(prices.last! * (1 + 0.02 * random.nextGaussian())) }
    return prices
  }

  func feed(_ generator: inout MarketNewsGenerator, prices: [Double], symbol: String = "AAPL") -> [NewsItem?] {
    (1..<prices.count).map { index in
      generator.headline(
        symbol: symbol, price: prices[index], previousPrice: prices[index - 1],
        at: start.adding(seconds: Int64(60 * index)))
    }
  }

  @Test func theSameSeedGivesTheSameItems() {
    let prices = walk(seed: 1, count: 300)
    var first = MarketNewsGenerator(seed: 42)
    var second = MarketNewsGenerator(seed: 42)
    let items = feed(&first, prices: prices)
    #expect(items.compactMap { $0 }.count > 100)
    #expect(items == feed(&second, prices: prices))
  }

  @Test func anotherSeedGivesOtherWording() {
    let prices = walk(seed: 1, count: 300)
    var first = MarketNewsGenerator(seed: 42)
    var other = MarketNewsGenerator(seed: 43)
    let titles = feed(&first, prices: prices).map { $0?.title }
    #expect(titles != feed(&other, prices: prices).map { $0?.title })
  }

  @Test func anItemDescribesItsMove() throws {
    var generator = MarketNewsGenerator(seed: 1, contrarianProbability: 0)
    let at = Timestamp(nanosecondsSinceEpoch: 1_750_000_000_123_456_789)
    let generated = generator.headline(symbol: "aapl", price: 102.13, previousPrice: 100, at: at)
    let item = try #require(generated)
    #expect(item.title.hasPrefix("aapl ") && item.title.contains("2.1%"))
    #expect(item.summary.contains("102.13") && item.summary.contains("100.00"))
    #expect(item.publisher == "AITrader market wire" && item.provider == "generated")
    #expect(item.url == "https://news.aitrader.local/aapl/1750000000123456789")
    #expect(item.symbols == ["AAPL"] && item.publishedAt == at)
    #expect(SourceReputation.standard.reputation(of: item) == 0.5)
  }

  @Test func quietMovesGiveNoItemOrANeutralOne() throws {
    var silent = MarketNewsGenerator(seed: 3, neutralProbability: 0)
    #expect(silent.headline(symbol: "MSFT", price: 100.4, previousPrice: 100, at: start) == nil)
    var chatty = MarketNewsGenerator(seed: 3, neutralProbability: 1)
    let generated = chatty.headline(symbol: "MSFT", price: 100.4, previousPrice: 100, at: start)
    let item = try #require(generated)
    #expect(item.title.contains("100.40"))
    #expect(LexiconScorer(lexicon: Self.handLexicon).hits(in: item.text) == (0, 0))
  }

  @Test(arguments: [0.0, -1, .nan, .infinity, 1e15])
  func anUnusablePriceGivesNoItem(price: Double) {
    var generator = MarketNewsGenerator(seed: 1, neutralProbability: 1)
    #expect(generator.headline(symbol: "AAPL", price: price, previousPrice: 100, at: start) == nil)
    #expect(generator.headline(symbol: "AAPL", price: 100, previousPrice: price, at: start) == nil)
  }

  @Test func numbersAreFormattedForHeadlines() {
    #expect(MarketNewsGenerator.percent(0.0213) == "2.1")
    #expect(MarketNewsGenerator.percent(-0.0049) == "0.5")
    #expect(MarketNewsGenerator.percent(0.12) == "12.0")
    #expect(MarketNewsGenerator.dollars(187.4) == "187.40")
    #expect(MarketNewsGenerator.dollars(5.05) == "5.05")
    #expect(MarketNewsGenerator.dollars(0.999) == "1.00")
  }

  @Test func everyTemplateReadsTheWayItIsMeant() {
    checkTemplates(with: LexiconScorer(lexicon: Self.handLexicon))
  }

  @Test(.enabled(if: FileManager.default.fileExists(atPath: Self.dictionaryPath)))
  func theRealDictionaryReadsHeadlinesTheWayThePriceWent() throws {
    let real = try FinancialLexicon(contentsOf: Self.dictionaryPath)
    #expect(Self.handLexicon.positive.isSubset(of: real.positive))
    #expect(Self.handLexicon.negative.isSubset(of: real.negative))
    checkTemplates(with: LexiconScorer(lexicon: real))
  }

  /// Every title and summary, alone: up and contrarian-down wording positive, down and
  /// contrarian-up negative, neutral wording without a scored word.
  func checkTemplates(with scorer: LexiconScorer) {
    let words = MarketNewsGenerator.Words(symbol: "AAPL", percent: "2.1", price: "187.40", previous: "183.52")
    let cases: [(MarketNewsGenerator.Kind, Int)] = [
      (.up(.modest), 1), (.up(.solid), 1), (.up(.sharp), 1), (.down(.modest), -1), (.down(.solid), -1),
      (.down(.sharp), -1), (.upContrarian, -1), (.downContrarian, 1), (.neutral, 0),
    ]
    for (kind, sign) in cases {
      let (titles, summaries) = MarketNewsGenerator.templates(for: kind)
      for text in (titles + summaries).map({ $0(words) }) {
        let hits = scorer.hits(in: text)
        switch sign {
        case 1: #expect(hits.positive > 0 && hits.negative == 0, "\(text)")
        case -1: #expect(hits.negative > 0 && hits.positive == 0, "\(text)")
        default: #expect(hits == (0, 0), "\(text)")
        }
      }
    }
  }

  @Test func generatedHeadlinesFollowTheMove() {
    let scorer = LexiconScorer(lexicon: Self.handLexicon)
    let prices = walk(seed: 9, count: 500)
    var generator = MarketNewsGenerator(seed: 5, contrarianProbability: 0)
    var checked = 0
    for (index, item) in feed(&generator, prices: prices).enumerated() {
      guard let item else { continue }
      let move = prices[index + 1] / prices[index] - 1
      let score = scorer.score(item.text).score
      if abs(move) < 0.005 {
        #expect(score == 0, "\(item.title)")
      } else {
        #expect(move > 0 ? score > 0 : score < 0, "\(move): \(item.title)")
        checked += 1
      }
    }
    #expect(checked > 300)
  }

  @Test func someItemsGoAgainstTheMoveAndSomeAreNeutral() {
    let scorer = LexiconScorer(lexicon: Self.handLexicon)
    // 1 000 moves of ±2 %, then 1 000 quiet ones of 0.1 %.
    let moves = (0..<2000).map { $0 < 1000 ? ($0.isMultiple(of: 2) ? 0.02 : -0.02) : 0.001 }
    var generator = MarketNewsGenerator(seed: 11)
    var against = 0
    var neutral = 0
    for (index, move) in moves.enumerated() {
      let item = generator.headline(
        symbol: "NVDA", price: 100 * (1 + move), previousPrice: 100, at: start.adding(seconds: Int64(index)))
      guard let item else { continue }
      let score = scorer.score(item.text).score
      if index < 1000, score * move < 0 { against += 1 }
      if index >= 1000, score == 0 { neutral += 1 }
    }
    // About 10 % each (100 of 1 000), seeded: far from 0 and far from an echo of everything.
    #expect((50...150).contains(against))
    #expect((50...150).contains(neutral))
  }

  static var dictionaryPath: String {
    let vendor =
      ProcessInfo.processInfo.environment["AITRADER_VENDOR_DIR"]
      ?? TestVocabulary.repositoryRoot.appendingPathComponent(".vendor").path
    return vendor + "/sentiment/LM.csv"
  }
}
