import Testing
import TradingCore

@testable import Sentiment

@Suite struct AlphaVantageNewsSourceTests {
  static func url(_ ticker: String) -> String {
    "https://www.alphavantage.co/query?function=NEWS_SENTIMENT&tickers=\(ticker)&time_from=20261125T0000&limit=50&apikey=AV-KEY"
  }

  @Test func asksOncePerSymbolAndAttributesByTickerSentiment() async throws {
    let fetcher = FakeHTTPFetcher([
      Self.url("AAPL"): try .fixture("alphavantage_news_aapl.json"),
      Self.url("MSFT"): try .fixture("alphavantage_news_msft.json"),
    ])
    let source = AlphaVantageNewsSource(apiKey: "AV-KEY", fetcher: fetcher)
    let fetch = try await source.fetch(symbols: ["aapl", "MSFT"], since: NewsTime.midnight)
    #expect(
      await fetcher.requests == [
        .init(url: Self.url("AAPL"), headers: [:]), .init(url: Self.url("MSFT"), headers: [:]),
      ])
    #expect(
      fetch.items == [
        // Its ticker_sentiment lists AAPL, MSFT and FOREX:USD: the two asked for. MSFT's answer repeats it.
        NewsItem(
          title: "Apple and Microsoft Lead Mega-Cap Gains",
          summary: "Apple and Microsoft both rose more than 1% as investors rotated back into mega-cap technology.",
          url: "https://www.benzinga.example/markets/26/11/mega-cap-gains", publisher: "Benzinga",
          provider: "alphavantage", publishedAt: NewsTime.at(14, 3), symbols: ["AAPL", "MSFT"]),
        NewsItem(
          title: "Apple Supplier Warns on Display Orders",
          summary: "A key display supplier cut its fourth-quarter outlook, citing softer orders.",
          url: "https://www.reuters.example/technology/apple-supplier-display-orders-2026-11-25/", publisher: "Reuters",
          provider: "alphavantage", publishedAt: NewsTime.at(9, 15), symbols: ["AAPL"]),
        // No ticker_sentiment: the symbol asked for.
        NewsItem(
          title: "Consumer Electronics Spending Cools Into the Holidays",
          summary: "Survey data point to a slower season for gadgets.",
          url: "https://www.fool.example/investing/2026/11/25/consumer-electronics-spending/", publisher: "Motley Fool",
          provider: "alphavantage", publishedAt: NewsTime.at(10, 30), symbols: ["AAPL"]),
      ])
    #expect(fetch.skipped == ["bad_timestamp": 1, "missing_title": 1])

    // After 10:00 the supplier story (09:15) is left out.
    let late = try await AlphaVantageNewsSource(
      apiKey: "AV-KEY", fetcher: FakeHTTPFetcher(always: try .fixture("alphavantage_news_aapl.json"))
    )
    .fetch(symbols: ["AAPL"], since: NewsTime.at(10, 0))
    #expect(late.items.map(\.publishedAt) == [NewsTime.at(14, 3), NewsTime.at(10, 30)])
  }

  @Test func buildsTheURLFromItsSettings() {
    let source = AlphaVantageNewsSource(
      apiKey: "a b&c", fetcher: FakeHTTPFetcher([:]), baseURL: "http://localhost:9000/", limit: 5000)
    #expect(
      source.url(for: "CRYPTO:BTC", since: NewsTime.at(14, 3, 59))
        == "http://localhost:9000/query?function=NEWS_SENTIMENT&tickers=CRYPTO:BTC&time_from=20261125T1403&limit=1000&apikey=a%20b%26c"
    )
  }

  static let errorCases: [(String, NewsSourceError)] = [
    (
      "alphavantage_rate_limit_daily.json",
      .rateLimited(
        source: "alphavantage",
        message:
          "We have detected your API key as DEMO1234 and our standard API rate limit is 25 requests per day. Please subscribe to any of the premium plans at https://www.alphavantage.co/premium/ to instantly remove all daily rate limits.",
        retryAfter: nil)
    ),
    (
      "alphavantage_rate_limit_note.json",
      .rateLimited(
        source: "alphavantage",
        message:
          "Thank you for using Alpha Vantage! Our standard API call frequency is 5 calls per minute and 500 calls per day. Please visit https://www.alphavantage.co/premium/ if you would like to target a higher API call frequency.",
        retryAfter: nil)
    ),
    (
      "alphavantage_invalid_key.json",
      .unauthorized(
        source: "alphavantage",
        message:
          "the parameter apikey is invalid or missing. Please claim your free API key on (https://www.alphavantage.co/support/#api-key). It should take less than 20 seconds."
      )
    ),
    (
      "alphavantage_error_message.json",
      .provider(
        source: "alphavantage", code: "error_message",
        message:
          "Invalid API call. Please retry or visit the documentation (https://www.alphavantage.co/documentation/) for NEWS_SENTIMENT."
      )
    ),
  ]

  @Test(arguments: errorCases)
  func mapsErrorsAnsweredWithStatus200(fixture: String, expected: NewsSourceError) async throws {
    let source = AlphaVantageNewsSource(apiKey: "k", fetcher: FakeHTTPFetcher(always: try .fixture(fixture)))
    await #expect(throws: expected) { try await source.fetch(symbols: ["AAPL"], since: NewsTime.midnight) }
  }

  @Test func mapsOtherAnswers() async throws {
    func error(_ answer: FakeHTTPFetcher.Answer) async -> NewsSourceError? {
      do {
        _ = try await AlphaVantageNewsSource(apiKey: "k", fetcher: FakeHTTPFetcher(always: answer))
          .fetch(symbols: ["AAPL"], since: NewsTime.midnight)
        return nil
      } catch { return error }
    }
    #expect(
      await error(.text(#"{"Information": "Invalid inputs. Please refer to the API documentation."}"#))
        == .provider(
          source: "alphavantage", code: "information", message: "Invalid inputs. Please refer to the API documentation."
        ))
    #expect(
      await error(.text("Service Unavailable", status: 503))
        == .provider(source: "alphavantage", code: "http_503", message: "Service Unavailable"))
    #expect(
      await error(.text("busy", status: 429, headers: ["retry-after": "60"]))
        == .rateLimited(source: "alphavantage", message: "busy", retryAfter: .seconds(60)))
    #expect(
      await error(.text("<html>", status: 200))
        == .malformed(source: "alphavantage", detail: "not a JSON object: <html>"))
    #expect(
      await error(.text(#"{"items":"0"}"#))
        == .malformed(source: "alphavantage", detail: #"no `feed` array: {"items":"0"}"#))
    // The key is not repeated in the message.
    guard case .unavailable(_, let detail)? = await error(.failure("connection reset")) else {
      Issue.record("a fetcher that throws is .unavailable")
      return
    }
    #expect(detail.contains("apikey=***") && detail.contains("connection reset"))
    #expect(
      try await AlphaVantageNewsSource(
        apiKey: "k", fetcher: FakeHTTPFetcher(always: .text(#"{"items":"0","feed":[]}"#))
      )
      .fetch(symbols: ["AAPL"], since: NewsTime.midnight) == NewsFetch())
  }
}
