import Testing
import TradingCore

@testable import Sentiment

@Suite struct NewsAPISourceTests {
  static let aaplURL =
    "https://newsapi.org/v2/everything?q=AAPL&from=2026-11-25T00:00:00Z&sortBy=publishedAt&language=en&pageSize=50"
  static let msftURL =
    "https://newsapi.org/v2/everything?q=MSFT&from=2026-11-25T00:00:00Z&sortBy=publishedAt&language=en&pageSize=50"

  @Test func asksOncePerSymbolAndReadsTheArticles() async throws {
    let fetcher = FakeHTTPFetcher([
      Self.aaplURL: try .fixture("newsapi_everything_aapl.json"),
      Self.msftURL: try .fixture("newsapi_everything_msft.json"),
    ])
    let source = NewsAPISource(apiKey: "k-123", fetcher: fetcher)
    let fetch = try await source.fetch(symbols: ["AAPL", "msft", "AAPL"], since: NewsTime.midnight)
    #expect(
      await fetcher.requests == [
        .init(url: Self.aaplURL, headers: ["X-Api-Key": "k-123"]),
        .init(url: Self.msftURL, headers: ["X-Api-Key": "k-123"]),
      ])
    #expect(
      fetch.items == [
        NewsItem(
          title: "Apple beats quarterly estimates on iPhone demand",
          summary:
            "Apple Inc on Wednesday posted revenue above Wall Street estimates as demand for its newest iPhones held up in China.",
          url: "https://www.reuters.com/technology/apple-beats-estimates-2026-11-25/", publisher: "Reuters",
          provider: "newsapi", publishedAt: NewsTime.at(14, 3), symbols: ["AAPL"]),
        // Returned for both symbols: one item about both.
        NewsItem(
          title: "Apple and Microsoft lead a broad tech rally",
          summary: "Megacaps pushed the Nasdaq 100 up 1.4% by midday.",
          url: "https://www.bloomberg.example/news/articles/2026-11-25/tech-rally", publisher: "Bloomberg",
          provider: "newsapi", publishedAt: NewsTime.at(11, 42, 17, nanoseconds: 123_000_000),
          symbols: ["AAPL", "MSFT"]),
        NewsItem(
          title: "Microsoft wins Pentagon cloud extension",
          summary: "The contract extension is worth up to $9 billion.",
          url: "https://www.wsj.example/tech/microsoft-pentagon-cloud-2026", publisher: "The Wall Street Journal",
          provider: "newsapi", publishedAt: NewsTime.at(15, 10), symbols: ["MSFT"]),
      ])
    // The CNBC article of the 24th is before `since`: left out, not counted.
    #expect(fetch.skipped == ["removed": 1, "missing_url": 1, "bad_timestamp": 1, "missing_title": 1])
  }

  @Test func buildsTheURLFromItsSettings() {
    let source = NewsAPISource(
      apiKey: "k", fetcher: FakeHTTPFetcher([:]), baseURL: "http://127.0.0.1:8080/", pageSize: 500, language: "de")
    #expect(
      source.url(for: "BRK.B", since: NewsTime.at(14, 3, 59, nanoseconds: 900))
        == "http://127.0.0.1:8080/v2/everything?q=BRK.B&from=2026-11-25T14:03:59Z&sortBy=publishedAt&language=de&pageSize=100"
    )
  }

  static let errorCases: [(String, Int, NewsSourceError)] = [
    (
      "newsapi_error_rate_limited.json", 429,
      .rateLimited(
        source: "newsapi",
        message:
          "You have made too many requests recently. Developer accounts are limited to 100 requests over a 24 hour period (50 requests available every 12 hours). Please upgrade to a paid plan if you need more requests.",
        retryAfter: .seconds(3600))
    ),
    (
      "newsapi_error_api_key_invalid.json", 401,
      .unauthorized(
        source: "newsapi",
        message:
          "Your API key is invalid or incorrect. Check your key, or go to https://newsapi.org to create a free API key."
      )
    ),
    (
      "newsapi_error_parameter_invalid.json", 400,
      .provider(
        source: "newsapi", code: "parameterInvalid",
        message:
          "You are trying to request results too far in the past. Your plan permits you to request articles as far back as 2026-10-24, but you have requested 2026-01-01."
      )
    ),
    (
      "newsapi_error_unexpected.json", 500,
      .provider(
        source: "newsapi", code: "unexpectedError",
        message: "This shouldn't happen, and if it does then it's our fault, not yours. Try the request again shortly.")
    ),
  ]

  @Test(arguments: errorCases)
  func mapsErrorAnswers(fixture: String, status: Int, expected: NewsSourceError) async throws {
    let answer = try FakeHTTPFetcher.Answer.fixture(fixture, status: status, headers: ["Retry-After": "3600"])
    let source = NewsAPISource(apiKey: "k", fetcher: FakeHTTPFetcher(always: answer))
    await #expect(throws: expected) { try await source.fetch(symbols: ["AAPL"], since: NewsTime.midnight) }
  }

  @Test func mapsTheOtherKeyErrorsAndAnswersWithoutAJSONBody() async throws {
    func error(_ answer: FakeHTTPFetcher.Answer) async -> NewsSourceError? {
      do {
        _ = try await NewsAPISource(apiKey: "k", fetcher: FakeHTTPFetcher(always: answer))
          .fetch(symbols: ["AAPL", "MSFT"], since: NewsTime.midnight)
        return nil
      } catch { return error }
    }
    for code in ["apiKeyMissing", "apiKeyDisabled"] {
      #expect(
        await error(.text(#"{"status":"error","code":"\#(code)","message":"m"}"#, status: 401))
          == .unauthorized(source: "newsapi", message: "m"))
    }
    #expect(
      await error(.text(#"{"status":"error","code":"apiKeyExhausted","message":"m"}"#, status: 429))
        == .rateLimited(source: "newsapi", message: "m", retryAfter: nil))
    #expect(
      await error(.text("<html>502 Bad Gateway</html>", status: 502))
        == .provider(source: "newsapi", code: "http_502", message: "<html>502 Bad Gateway</html>"))
    #expect(
      await error(.text(#"{"status":"ok","totalResults":0}"#))
        == .malformed(
          source: "newsapi", detail: #"expected {"status":"ok","articles":[…]}, got {"status":"ok","totalResults":0}"#))
    guard case .unavailable("newsapi", let detail)? = await error(.failure("timed out")) else {
      Issue.record("a fetcher that throws is .unavailable")
      return
    }
    #expect(detail.contains("timed out"))
  }

  @Test func anErrorForOneSymbolFailsTheFetch() async throws {
    let fetcher = FakeHTTPFetcher([
      Self.aaplURL: try .fixture("newsapi_everything_aapl.json"),
      Self.msftURL: try .fixture("newsapi_error_rate_limited.json", status: 429),
    ])
    await #expect(throws: NewsSourceError.self) {
      try await NewsAPISource(apiKey: "k", fetcher: fetcher).fetch(symbols: ["AAPL", "MSFT"], since: NewsTime.midnight)
    }
    #expect(await fetcher.urls == [Self.aaplURL, Self.msftURL])
  }
}
