import Testing
import TradingCore

@testable import Sentiment

@Suite struct FeedParserTests {
  @Test func readsRSSWithCDATAEntitiesAndHTML() throws {
    let feed = try FeedParser.parse(try NewsFixture.bytes("marketwire_business.rss"))
    #expect(feed.title == "Market Wire: Business News")
    #expect(feed.skipped == ["missing_title": 1, "bad_timestamp": 1, "missing_timestamp": 1])
    #expect(
      feed.entries == [
        FeedEntry(
          title: "Apple beats estimates as iPhone sales jump",
          summary:
            "Apple Inc (AAPL) reported quarterly revenue of $94.9 billion, above forecasts. Shares rose 3% after hours.",
          link: "https://www.marketwire.example/business/apple-beats-estimates?utm_source=rss&utm_medium=feed",
          publisher: nil, publishedAt: NewsTime.at(14, 3)),
        // 09:30 at -0500 is 14:30 UTC; `&amp;mdash;` is an escaped HTML entity: an em dash.
        FeedEntry(
          title: "Microsoft & OpenAI extend cloud pact; MSFT up 1.2%",
          summary: "The deal runs through 2032 \u{2014} details.",
          link: "https://www.marketwire.example/business/microsoft-openai-pact", publisher: "Northbridge Daily",
          publishedAt: NewsTime.at(14, 30)),
        FeedEntry(
          title: "Nestl\u{E9} and L\u{2019}Or\u{E9}al shares slip in Europe",
          summary: "Consumer staples lagged the STOXX 600.",
          link: "https://www.marketwire.example/europe/nestle-loreal", publisher: nil, publishedAt: NewsTime.at(11, 15)),
        // No <link>: the permalink guid; `content:encoded` without its script; dc:date 16:45+01:00 is 15:45 UTC.
        FeedEntry(
          title: "Tesla recalls 12,000 vehicles; $TSLA falls in early trade",
          summary: "The recall covers seat-belt sensors.", link: "https://www.marketwire.example/autos/tesla-recall",
          publisher: nil, publishedAt: NewsTime.at(15, 45)),
        // 10:00 EST is 15:00 UTC.
        FeedEntry(
          title: "Retailers grapple with a slow start to the holiday season", summary: "",
          link: "https://www.marketwire.example/retail/holiday-start", publisher: nil, publishedAt: NewsTime.at(15, 0)),
      ])
  }

  @Test func readsAtom() throws {
    let feed = try FeedParser.parse(try NewsFixture.bytes("northbridge_markets.atom"))
    #expect(feed.title == "Northbridge Markets Desk")
    #expect(feed.skipped == ["missing_title": 1, "bad_timestamp": 1])
    #expect(
      feed.entries == [
        // The alternate link, not the first; `published` before `updated`; escaped HTML twice over.
        FeedEntry(
          title: "NVDA guidance lifts chip stocks", summary: "Nvidia said data-center revenue would grow >40%.",
          link: "https://markets.northbridge.example/2026/11/25/nvda-guidance", publisher: nil,
          publishedAt: NewsTime.at(13, 15, 30, nanoseconds: 250_000_000)),
        // XHTML content: paragraphs keep their words apart. 10:00 at -05:00 is 15:00 UTC.
        FeedEntry(
          title: "AMD and NVDA: two roads to AI", summary: "Two strategies, one market.",
          link: "https://markets.northbridge.example/2026/11/25/amd-nvda", publisher: "Chip Weekly",
          publishedAt: NewsTime.at(15, 0)),
      ])
  }

  @Test func readsRSS1() throws {
    let rdf = """
      <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
               xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel rdf:about="https://wire.example/"><title>Wire</title></channel>
        <item rdf:about="https://wire.example/1"><title>One</title><link>https://wire.example/1</link>
          <dc:date>2026-11-25T14:03:00Z</dc:date></item>
      </rdf:RDF>
      """
    let feed = try FeedParser.parse(Array(rdf.utf8))
    #expect(feed.title == "Wire")
    #expect(
      feed.entries == [
        FeedEntry(
          title: "One", summary: "", link: "https://wire.example/1", publisher: nil, publishedAt: NewsTime.at(14, 3))
      ])
  }

  @Test func refusesMalformedXMLAndOtherDocuments() throws {
    #expect {
      _ = try FeedParser.parse(try NewsFixture.bytes("truncated.rss"))
    } throws: { error in
      guard case .malformedXML(let detail) = error as? FeedParseError else { return false }
      return detail.contains("unterminated tag") || detail.contains("never closed")
    }
    #expect(throws: FeedParseError.notAFeed(rootElement: "html")) {
      try FeedParser.parse(Array("<html><body>Service unavailable</body></html>".utf8))
    }
  }

  @Test func plainTextDropsTagsAndResolvesEntities() {
    #expect(PlainText.from(html: "<p>One</p><p>two <b>bold</b>ly</p>") == "One two boldly")
    #expect(
      PlainText.from(html: "S&amp;P 500 falls &lt;5% as yields&nbsp;rise &#8212; again")
        == "S&P 500 falls <5% as yields rise \u{2014} again")
    #expect(PlainText.from(html: "price <5% and a<b") == "price <5% and a<b")
    #expect(PlainText.from(html: "before<style>p { color: red }</style>after<br/>line") == "before after line")
    #expect(PlainText.from(html: "AT&T &unknown; & more") == "AT&T &unknown; & more")
  }
}
