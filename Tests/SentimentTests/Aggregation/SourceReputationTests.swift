import Testing
import TradingCore

@testable import Sentiment

@Suite struct SourceReputationTests {
  let standard = SourceReputation.standard

  @Test(arguments: [
    ("Reuters", 0.95), ("REUTERS", 0.95), ("  reuters ", 0.95), ("Bloomberg", 0.95), ("Associated Press", 0.95),
    ("The Wall Street Journal", 0.9), ("Wall  Street Journal", 0.9), ("Barron’s", 0.85), ("Barron's", 0.85),
    ("CNBC", 0.8), ("Seeking Alpha", 0.55), ("The Motley Fool", 0.5), ("PR Newswire", 0.6),
    ("GlobeNewswire", 0.6), ("AITrader market wire", 0.5), ("Joe's Stock Blog", 0.4), ("", 0.4),
  ])
  func publishersMatchByNameIgnoringCaseAndSpacing(publisher: String, expected: Double) {
    #expect(standard.reputation(of: publisher) == expected, "\(publisher)")
  }

  @Test(arguments: [
    ("reuters.com", 0.95), ("www.reuters.com", 0.95), ("feeds.reuters.com", 0.95), ("WSJ.com", 0.9),
    ("a.b.bloomberg.com", 0.95), ("finance.yahoo.com", 0.7),
    // Only whole labels match: a look-alike domain or a known name used as a subdomain is unknown.
    ("notreuters.com", 0.4), ("reuters.com.example.io", 0.4), ("com", 0.4), (".reuters.com", 0.4),
  ])
  func publishersMatchByDomainAndParentDomains(domain: String, expected: Double) {
    #expect(standard.reputation(of: domain) == expected, "\(domain)")
  }

  @Test func anUnknownPublisherFallsBackToTheHostOfItsURL() {
    func item(publisher: String, url: String?) -> NewsItem {
      NewsItem(
        title: "t", url: url, publisher: publisher, provider: "rss", publishedAt: Timestamp(secondsSinceEpoch: 0),
        symbols: ["AAPL"])
    }
    #expect(standard.reputation(of: item(publisher: "Staff", url: "https://www.bloomberg.com/news/x?y=1")) == 0.95)
    #expect(standard.reputation(of: item(publisher: "Staff", url: "http://user@ft.com:8080/path")) == 0.9)
    // The publisher wins over the link when the publisher is known.
    #expect(standard.reputation(of: item(publisher: "Zacks", url: "https://www.reuters.com/a")) == 0.55)
    #expect(standard.reputation(of: item(publisher: "Staff", url: "not a url")) == 0.4)
    #expect(standard.reputation(of: item(publisher: "Staff", url: nil)) == 0.4)
  }

  @Test func aConfiguredTableIsNormalisedAndClamped() {
    let table = SourceReputation(["The Example Times": 0.7, "overrated.io": 1.5, "broken": .nan], unknown: -1)
    #expect(table.reputation(of: "example times") == 0.7)
    #expect(table.reputation(of: "news.overrated.io") == 1)
    #expect(table.reputation(of: "Broken") == 0)
    #expect(table.unknown == 0)
    #expect(table.reputation(of: "Reuters") == 0)
    #expect(SourceReputation([:]).unknown == 0.4)
  }

  @Test func everyStandardValueIsAReputation() {
    #expect(!standard.table.isEmpty)
    for (publisher, value) in standard.table {
      #expect((0...1).contains(value), "\(publisher)")
      #expect(value > standard.unknown, "\(publisher) should be trusted above an unknown source")
    }
  }
}
