import Testing
import TradingCore

@testable import Sentiment

@Suite struct NewsDeduplicatorTests {
  static func item(_ title: String, url: String?, publisher: String = "Reuters") -> NewsItem {
    NewsItem(
      title: title, url: url, publisher: publisher, provider: "rss", publishedAt: NewsTime.at(9, 0), symbols: ["AAPL"])
  }

  @Test(arguments: [
    (
      "https://www.Reuters.COM/markets/apple-beats/?utm_source=twitter&id=7&UTM_Medium=social#top",
      "https://reuters.com/markets/apple-beats?id=7"
    ),
    ("HTTPS://reuters.com/markets/apple-beats?fbclid=IwAR0x&gclid=Cj0K", "https://reuters.com/markets/apple-beats"),
    ("http://www.cnbc.example:80/2026/11/25/story.html", "http://cnbc.example/2026/11/25/story.html"),
    ("https://news.example:8443/a/", "https://news.example:8443/a"),
    ("https://www.example.com/", "https://example.com"),
    ("  https://example.com?q=a%20b  ", "https://example.com?q=a%20b"),
  ])
  func canonicalisesURLs(url: String, canonical: String) {
    #expect(NewsDeduplicator.canonicalURL(url) == canonical)
  }

  @Test func refusesWhatIsNotAWebAddress() {
    for url in ["", "/relative/path", "mailto:desk@reuters.com", "ftp://files.example/a", "https://", "urn:uuid:1234"] {
      #expect(NewsDeduplicator.canonicalURL(url) == nil, "\(url)")
    }
  }

  @Test(arguments: [
    ("Apple’s Q4 Beats Estimates — Café Report - Reuters", "apples q4 beats estimates cafe report"),
    ("Apple beats estimates | The Wall Street Journal", "apple beats estimates"),
    ("  APPLE   beats\testimates!!! ", "apple beats estimates"),
    // A lower-case continuation is the headline's own, not a publisher.
    ("Apple beats estimates - shares jump", "apple beats estimates shares jump"),
    ("Apple beats estimates - Yahoo Finance", "apple beats estimates"),
    ("Über-rally: Nestlé, L'Oréal and Ørsted climb", "uberrally nestle loreal and ørsted climb"),
    ("- Reuters", "reuters"),
  ])
  func normalisesTitles(title: String, normalised: String) {
    #expect(NewsDeduplicator.normalisedTitle(title) == normalised)
  }

  @Test func recognisesTheSameURLOrTheSameHeadline() {
    var deduplicator = NewsDeduplicator()
    #expect(
      deduplicator.admit(Self.item("Apple beats estimates", url: "https://www.reuters.com/apple-beats/?utm_source=rss"))
        == .new(key: "https://reuters.com/apple-beats"))
    // Same page, other headline, same publisher.
    #expect(
      deduplicator.admit(Self.item("Apple tops forecasts", url: "https://reuters.com/apple-beats#comments"))
        == .duplicate(of: "https://reuters.com/apple-beats", crossSource: false))
    // Same headline through an aggregator with the publisher appended: another publisher.
    #expect(
      deduplicator.admit(
        Self.item(
          "Apple Beats Estimates - Reuters", url: "https://news.google.example/articles/CBMi", publisher: "Google News")
      )
        == .duplicate(of: "https://reuters.com/apple-beats", crossSource: true))
    // The aggregator's URL was learned from the duplicate: a third copy matching only it is caught.
    #expect(
      deduplicator.admit(
        Self.item("Something else entirely", url: "https://news.google.example/articles/CBMi", publisher: "reuters "))
        == .duplicate(of: "https://reuters.com/apple-beats", crossSource: false))
    #expect(
      deduplicator.admit(Self.item("Microsoft wins cloud deal", url: nil, publisher: "WSJ"))
        == .new(key: "title:microsoft wins cloud deal"))
    #expect(
      deduplicator.admit(
        Self.item("Microsoft Wins Cloud Deal!", url: "https://wsj.example/msft", publisher: "Bloomberg"))
        == .duplicate(of: "title:microsoft wins cloud deal", crossSource: true))
    #expect(
      deduplicator.admit(Self.item("Microsoft loses cloud deal", url: nil))
        == .new(key: "title:microsoft loses cloud deal"))
  }

  @Test func forgetsTheOldestKeysBeyondItsCapacity() {
    var deduplicator = NewsDeduplicator(capacity: 4)
    // Each item teaches two keys (URL and title).
    for index in 1...3 {
      #expect(
        deduplicator.admit(Self.item("Story \(index)", url: "https://a.example/\(index)"))
          == .new(key: "https://a.example/\(index)"))
      #expect(deduplicator.count <= 4)
    }
    // Story 1's keys are gone, story 2's and 3's remain.
    #expect(deduplicator.admit(Self.item("Story 1", url: "https://a.example/1")) == .new(key: "https://a.example/1"))
    #expect(
      deduplicator.admit(Self.item("Story 3", url: "https://b.example/3"))
        == .duplicate(of: "https://a.example/3", crossSource: false))
    #expect(deduplicator.count == 4)
  }

  @Test func staysBoundedOverManyItems() {
    var deduplicator = NewsDeduplicator(capacity: 100)
    for index in 0..<1_000 {
      _ = deduplicator.admit(Self.item("Headline number \(index)", url: "https://wire.example/\(index)"))
    }
    #expect(deduplicator.count == 100)
    // The last 50 items (100 keys) are remembered, the one before them is not.
    #expect(
      deduplicator.admit(Self.item("Headline number 950", url: nil))
        == .duplicate(of: "https://wire.example/950", crossSource: false))
    #expect(deduplicator.admit(Self.item("Headline number 949", url: nil)) == .new(key: "title:headline number 949"))
  }
}
