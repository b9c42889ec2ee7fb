import Testing
import TradingCore

@testable import Sentiment

@Suite struct RSSNewsSourceTests {
  static let generalURL = "https://www.marketwire.example/rss/business"

  @Test func attributesAGeneralFeedsItemsToTheSymbolsTheyName() async throws {
    let fetcher = FakeHTTPFetcher([Self.generalURL: try .fixture("marketwire_business.rss")])
    let source = RSSNewsSource(feeds: [.general(url: Self.generalURL)], fetcher: fetcher)
    let fetch = try await source.fetch(symbols: ["AAPL", "msft", "TSLA", "NVDA"], since: NewsTime.midnight)
    #expect(await fetcher.urls == [Self.generalURL])
    // Nestlé names none of them; "grapple" is not AAPL.
    #expect(
      fetch.items.map(\.title) == [
        "Apple beats estimates as iPhone sales jump", "Microsoft & OpenAI extend cloud pact; MSFT up 1.2%",
        "Tesla recalls 12,000 vehicles; $TSLA falls in early trade",
      ])
    #expect(fetch.items.map(\.symbols) == [["AAPL"], ["MSFT"], ["TSLA"]])
    // The item's own <source>, else the channel's title.
    #expect(
      fetch.items.map(\.publisher) == ["Market Wire: Business News", "Northbridge Daily", "Market Wire: Business News"])
    #expect(fetch.items.allSatisfy { $0.provider == "rss" })
    #expect(fetch.skipped == ["missing_title": 1, "bad_timestamp": 1, "missing_timestamp": 1])

    // Items before `since` are left out without being counted: after 14:30 only Tesla (15:45) is left.
    let late = try await source.fetch(symbols: ["AAPL", "MSFT", "TSLA"], since: NewsTime.at(14, 31))
    #expect(late.items.map(\.symbols) == [["TSLA"]])
  }

  @Test func fetchesAFeedPerSymbolFromATemplate() async throws {
    let template = "https://feeds.finance.yahoo.com/rss/2.0/headline?s={symbol}&region=US&lang=en-US"
    let atom = try FakeHTTPFetcher.Answer.fixture("northbridge_markets.atom")
    let fetcher = FakeHTTPFetcher([
      "https://feeds.finance.yahoo.com/rss/2.0/headline?s=NVDA&region=US&lang=en-US": atom,
      "https://feeds.finance.yahoo.com/rss/2.0/headline?s=BRK.B&region=US&lang=en-US": .text(
        "<rss><channel><title>BRK</title></channel></rss>"),
      "https://feeds.finance.yahoo.com/rss/2.0/headline?s=%5EGSPC&region=US&lang=en-US": .text(
        "<rss><channel><title>Index</title></channel></rss>"),
    ])
    let source = RSSNewsSource(feeds: [.perSymbol(template: template)], fetcher: fetcher)
    let fetch = try await source.fetch(symbols: ["NVDA", "brk.b", "^GSPC", "NVDA"], since: NewsTime.midnight)
    #expect(
      await fetcher.urls == [
        "https://feeds.finance.yahoo.com/rss/2.0/headline?s=NVDA&region=US&lang=en-US",
        "https://feeds.finance.yahoo.com/rss/2.0/headline?s=BRK.B&region=US&lang=en-US",
        "https://feeds.finance.yahoo.com/rss/2.0/headline?s=%5EGSPC&region=US&lang=en-US",
      ])
    // Attributed to the feed's symbol whatever the text says.
    #expect(fetch.items.map(\.title) == ["NVDA guidance lifts chip stocks", "AMD and NVDA: two roads to AI"])
    #expect(fetch.items.map(\.symbols) == [["NVDA"], ["NVDA"]])
    #expect(fetch.items.map(\.publisher) == ["Northbridge Markets Desk", "Chip Weekly"])
    #expect(fetch.skipped == ["missing_title": 1, "bad_timestamp": 1])
  }

  @Test func fetchesASymbolsFeedOnlyWhenOneOfItsSymbolsIsAsked() async throws {
    let url = "https://investor.example/rss/press"
    let fetcher = FakeHTTPFetcher([
      url: .text(
        "<rss><channel><item><title>Q3 results</title><link>https://investor.example/q3</link>"
          + "<pubDate>Wed, 25 Nov 2026 13:00:00 GMT</pubDate></item></channel></rss>")
    ])
    let source = RSSNewsSource(feeds: [.about(symbols: ["aapl"], url: url)], fetcher: fetcher)
    #expect(try await source.fetch(symbols: ["MSFT"], since: NewsTime.midnight).items.isEmpty)
    #expect(await fetcher.urls.isEmpty)
    let fetch = try await source.fetch(symbols: ["MSFT", "AAPL"], since: NewsTime.midnight)
    #expect(fetch.items.map(\.symbols) == [["AAPL"]])
    // No channel title: the feed's host is the publisher.
    #expect(fetch.items.map(\.publisher) == ["investor.example"])
  }

  @Test func mapsHTTPAnswersAndFailuresToSourceErrors() async throws {
    func error(for answer: FakeHTTPFetcher.Answer) async -> NewsSourceError? {
      let source = RSSNewsSource(feeds: [.general(url: Self.generalURL)], fetcher: FakeHTTPFetcher(always: answer))
      do {
        _ = try await source.fetch(symbols: ["AAPL"], since: NewsTime.midnight)
        return nil
      } catch {
        return error
      }
    }
    #expect(
      await error(for: .text("Too Many Requests", status: 429, headers: ["Retry-After": "120"]))
        == .rateLimited(source: "rss", message: "Too Many Requests", retryAfter: .seconds(120)))
    #expect(
      await error(for: .text("slow down", status: 429, headers: ["Retry-After": "Wed, 25 Nov 2026 15:00:00 GMT"]))
        == .rateLimited(source: "rss", message: "slow down", retryAfter: nil))
    #expect(await error(for: .text("no", status: 401)) == .unauthorized(source: "rss", message: "no"))
    #expect(await error(for: .text("Forbidden", status: 403)) == .unauthorized(source: "rss", message: "Forbidden"))
    #expect(
      await error(for: .text("<html>Bad gateway</html>", status: 502))
        == .provider(source: "rss", code: "http_502", message: "<html>Bad gateway</html>"))
    #expect(await error(for: .text("gone", status: 404)) == .provider(source: "rss", code: "http_404", message: "gone"))
    guard case .unavailable(let name, let detail)? = await error(for: .failure("connection refused")) else {
      Issue.record("a fetcher that throws is .unavailable")
      return
    }
    #expect(name == "rss" && detail.contains("connection refused"))
    guard case .malformed(_, let detail)? = await error(for: try .fixture("truncated.rss")) else {
      Issue.record("a truncated feed is .malformed")
      return
    }
    #expect(detail.hasPrefix(Self.generalURL))
  }

  @Test func findsTickersAsWholeWordsOrCashtags() {
    let symbols = ["AAPL", "A", "F", "BRK.B", "IT", "MSFT"]
    #expect(TickerMentions.named(in: "Apple (AAPL) and Ford ($F) rise", among: symbols) == ["AAPL", "F"])
    #expect(TickerMentions.named(in: "A look at F-150 sales; IT spending", among: symbols) == ["IT"])
    #expect(TickerMentions.named(in: "AAPLX fund; MSFTs; the $A trade; NYSE:BRK.B", among: symbols) == ["A", "BRK.B"])
    #expect(TickerMentions.named(in: "aapl in lower case; AAPL's margin", among: symbols) == ["AAPL"])
  }
}
