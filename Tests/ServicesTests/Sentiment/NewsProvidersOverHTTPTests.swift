import Foundation
import Hummingbird
import Sentiment
import Services
import Synchronization
import Testing
import TradingCore

/// The HTTP news sources through the real client (`HTTPNewsFetcher` over AsyncHTTPClient)
/// against a local server that answers in each provider's documented format — success, errors
/// and rate limits — from the fixture files of `Tests/SentimentTests/Fixtures/news`.
@Suite(.serialized) struct NewsProvidersOverHTTPTests {
  /// A canned answer: a fixture file (or text), a status and headers.
  struct Canned: Sendable {
    var status: HTTPResponse.Status = .ok
    var fixture: String?
    var text: String = ""
    /// The `Retry-After` header, when sent.
    var retryAfter: String?
    /// Seconds to wait before answering.
    var delaySeconds: Double = 0
  }

  /// What the server answers per path, and what it was asked.
  final class ProviderServer: Sendable {
    let answers = Mutex<[String: Canned]>([:])
    let requests = Mutex<[(path: String, query: String, apiKey: String?)]>([])

    func answer(_ path: String, with canned: Canned) { answers.withLock { $0[path] = canned } }

    var router: Router<BasicRequestContext> {
      let router = Router()
      router.get("**") { request, _ -> Response in
        let path = request.uri.path
        self.requests.withLock {
          let apiKey = request.headers.first { $0.name.rawName.lowercased() == "x-api-key" }?.value
          $0.append((path, request.uri.query ?? "", apiKey))
        }
        guard let canned = self.answers.withLock({ $0[path] }) else { return Response(status: .notFound) }
        if canned.delaySeconds > 0 { try await Task.sleep(for: .milliseconds(Int64(canned.delaySeconds * 1000))) }
        let body = try canned.fixture.map { try NewsProvidersOverHTTPTests.fixture($0) } ?? Array(canned.text.utf8)
        var response = Response(status: canned.status, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
        if let retryAfter = canned.retryAfter { response.headers[.retryAfter] = retryAfter }
        return response
      }
      return router
    }
  }

  static func fixture(_ name: String) throws -> [UInt8] {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("SentimentTests/Fixtures/news")
    return [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
  }

  /// A fetcher that answers from the fixture files directly: the peer the HTTP path must equal.
  struct FixtureFetcher: HTTPFetching {
    let fixture: String
    func get(_ url: String, headers: [String: String]) async throws -> HTTPFetchResponse {
      HTTPFetchResponse(status: 200, body: try NewsProvidersOverHTTPTests.fixture(fixture))
    }
  }

  /// Runs `body` with the server listening on a free port.
  func withServer(_ body: @Sendable (ProviderServer, String) async throws -> Void) async throws {
    let server = ProviderServer()
    let port = Mutex<Int?>(nil)
    let app = Application(
      router: server.router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
      onServerRunning: { channel in port.withLock { $0 = channel.localAddress?.port } },
      logger: quietLogger("providers"))
    try await withThrowingTaskGroup(of: Void.self) { group in
      group.addTask { try await app.runService() }
      let bound = try #require(await waitFor { port.withLock { $0 } })
      try await body(server, "http://127.0.0.1:\(bound)")
      group.cancelAll()
    }
  }

  private func waitFor(_ value: @Sendable () -> Int?) async -> Int? {
    for _ in 0..<500 {
      if let value = value() { return value }
      try? await Task.sleep(for: .milliseconds(10))
    }
    return nil
  }

  static let since = Timestamp(secondsSinceEpoch: 1_700_000_000)
  let fetcher = HTTPNewsFetcher(client: ResilientHTTPClient(policy: .init(timeout: .seconds(10), attempts: 1)))

  @Test func newsAPIOverHTTPEqualsTheFixtureAndSendsTheKey() async throws {
    try await withServer { server, base in
      server.answer("/v2/everything", with: Canned(fixture: "newsapi_everything_aapl.json"))
      let source = NewsAPISource(apiKey: "k-123", fetcher: fetcher, baseURL: base)
      let fetched = try await source.fetch(symbols: ["AAPL"], since: Self.since)
      let peer = try await NewsAPISource(
        apiKey: "k-123", fetcher: FixtureFetcher(fixture: "newsapi_everything_aapl.json"), baseURL: base
      ).fetch(symbols: ["AAPL"], since: Self.since)
      #expect(fetched == peer)
      #expect(!fetched.items.isEmpty)
      let request = try #require(server.requests.withLock { $0.first })
      #expect(request.apiKey == "k-123")
      #expect(request.query.contains("q=AAPL"))
    }
  }

  /// The error a fetch of `source` fails with, or nil when it succeeds.
  func fetchError(_ source: some NewsSource) async -> NewsSourceError? {
    do throws(NewsSourceError) {
      _ = try await source.fetch(symbols: ["AAPL"], since: Self.since)
      return nil
    } catch {
      return error
    }
  }

  @Test func newsAPIErrorsAndRateLimits() async throws {
    try await withServer { server, base in
      let source = NewsAPISource(apiKey: "k", fetcher: fetcher, baseURL: base)
      server.answer(
        "/v2/everything",
        with: Canned(status: .tooManyRequests, fixture: "newsapi_error_rate_limited.json", retryAfter: "120"))
      let limited = await fetchError(source)
      guard case .rateLimited(_, _, let retryAfter)? = limited else {
        Issue.record("expected rateLimited, got \(String(describing: limited))")
        return
      }
      #expect(retryAfter == .seconds(120))
      server.answer(
        "/v2/everything", with: Canned(status: .unauthorized, fixture: "newsapi_error_api_key_invalid.json"))
      #expect(await fetchError(source)?.kind == "unauthorized")
      server.answer("/v2/everything", with: Canned(text: "<html>gateway</html>"))
      #expect(await fetchError(source)?.kind == "malformed", "HTML is not NewsAPI JSON")
    }
  }

  @Test func alphaVantageOverHTTPEqualsTheFixtureAndItsRateLimitNote() async throws {
    try await withServer { server, base in
      server.answer("/query", with: Canned(fixture: "alphavantage_news_aapl.json"))
      let source = AlphaVantageNewsSource(apiKey: "av-key", fetcher: fetcher, baseURL: base)
      let fetched = try await source.fetch(symbols: ["AAPL"], since: Self.since)
      let peer = try await AlphaVantageNewsSource(
        apiKey: "av-key", fetcher: FixtureFetcher(fixture: "alphavantage_news_aapl.json"), baseURL: base
      ).fetch(symbols: ["AAPL"], since: Self.since)
      #expect(fetched == peer)
      #expect(!fetched.items.isEmpty)
      let query = try #require(server.requests.withLock { $0.first?.query })
      #expect(query.contains("function=NEWS_SENTIMENT") && query.contains("apikey=av-key"))

      // Alpha Vantage says "slow down" with HTTP 200 and a note.
      server.answer("/query", with: Canned(fixture: "alphavantage_rate_limit_note.json"))
      #expect(await fetchError(source)?.kind == "rate_limited")
    }
  }

  @Test func rssOverHTTPEqualsTheFixtureAndTruncatedXMLIsMalformed() async throws {
    try await withServer { server, base in
      server.answer("/feed.rss", with: Canned(fixture: "marketwire_business.rss"))
      let source = RSSNewsSource(feeds: [.general(url: base + "/feed.rss")], fetcher: fetcher)
      let fetched = try await source.fetch(symbols: ["AAPL", "MSFT", "TSLA"], since: Self.since)
      let peer = try await RSSNewsSource(
        feeds: [.general(url: base + "/feed.rss")], fetcher: FixtureFetcher(fixture: "marketwire_business.rss")
      ).fetch(symbols: ["AAPL", "MSFT", "TSLA"], since: Self.since)
      #expect(fetched == peer)
      #expect(!fetched.items.isEmpty)

      server.answer("/feed.rss", with: Canned(fixture: "truncated.rss"))
      #expect(await fetchError(source)?.kind == "malformed")
    }
  }

  @Test func aSlowOrClosedProviderIsUnavailable() async throws {
    try await withServer { server, base in
      server.answer("/v2/everything", with: Canned(fixture: "newsapi_everything_aapl.json", delaySeconds: 1))
      let impatient = HTTPNewsFetcher(
        client: ResilientHTTPClient(policy: .init(timeout: .milliseconds(200), attempts: 1)))
      let slow = NewsAPISource(apiKey: "k", fetcher: impatient, baseURL: base)
      #expect(await fetchError(slow)?.kind == "unavailable")
    }
    let closed = try RunningAITrader.freePort()
    let refused = NewsAPISource(apiKey: "k", fetcher: fetcher, baseURL: "http://127.0.0.1:\(closed)")
    #expect(await fetchError(refused)?.kind == "unavailable")
  }

  @Test func theEngineCountsAFailingProviderAndKeepsTheOthers() async throws {
    try await withServer { server, base in
      server.answer("/feed.rss", with: Canned(fixture: "marketwire_business.rss"))
      server.answer(
        "/v2/everything", with: Canned(status: .tooManyRequests, fixture: "newsapi_error_rate_limited.json"))
      let metrics = AITraderMetrics()
      let engine = SentimentEngine(
        configuration: .init(symbols: ["AAPL", "MSFT"], maxAge: .seconds(100 * 365 * 86_400)),
        sources: [
          .init(RSSNewsSource(feeds: [.general(url: base + "/feed.rss")], fetcher: fetcher), every: .seconds(60)),
          .init(NewsAPISource(apiKey: "k", fetcher: fetcher, baseURL: base), every: .seconds(60)),
        ],
        scorer: NewsFixtures.lexicon, metrics: metrics, logger: quietLogger("sentiment"))
      await engine.refresh()
      #expect(await engine.sentiment(for: "AAPL").items > 0)
      let health = await engine.health()
      #expect(health.status == .ok, "one source of two failing is not an outage")
      guard case .object(let sources)? = health.details["sources"], case .object(let newsapi)? = sources["newsapi"]
      else {
        Issue.record("\(health.details)")
        return
      }
      #expect(newsapi["failing"] == true)
      #expect(
        metrics.exposition().contains(#"aitrader_news_source_errors_total{source="newsapi",kind="rate_limited"} 1"#))
    }
  }
}
