import Foundation
import Hummingbird
import Sentiment
import Services
import Synchronization
import Testing
import TradingCore

/// The sentiment side split across processes: the engine scoring through FinBERT's HTTP API,
/// the strategy reading the engine's, and `/api/status` reading both `/health`s — each equal to
/// the in-process answer, and an outage leaving the factor out.
@Suite struct SentimentOverHTTPTests {
  let client = ResilientHTTPClient(policy: .init(timeout: .seconds(10), attempts: 1))

  @Test func finbertOverHTTPScoresExactlyAsInProcess() async throws {
    let service = FinBERTService(scorer: NewsFixtures.lexicon)
    let router = buildComponentRouter(routes: FinBERTRoutes(service: service), metrics: AITraderMetrics())
    try await withComponentServer(router) { base in
      let remote = HTTPSentimentScorer(baseURL: base, client: client)
      let texts = ["Record gain on strong demand", "Lawsuit deepens the loss", "The board meets on Tuesday"]
      #expect(try await remote.score(texts) == (try await NewsFixtures.lexicon.score(texts)))
      await #expect(throws: RemoteServiceError.self) { try await remote.score(["ok", ""]) }
      do {
        _ = try await remote.score([""])
      } catch let error as RemoteServiceError {
        #expect(error.status == 400 && error.code == "bad_request" && error.service == "FinBERT")
        #expect(error.detail == "texts[0]: the text is empty")
      }

      // The test's client: a half-second default is tight beside the parallel suite on two cores.
      let health = await RemoteComponentHealth(componentKey: "finbert", name: "FinBERT", baseURL: base, client: client)
        .health()
      #expect(health.status == .ok && health.running)
      #expect(health.details["scorer"] == "lexicon:loughran-mcdonald")
      #expect(health.details["url"] == .string(base))
    }
  }

  @Test func theEngineOverHTTPAnswersAsInProcess() async throws {
    let source = ScriptedNewsSource(name: "wire")
    source.enqueue(
      .success(
        NewsFetch(items: [
          NewsFixtures.item("Strong gain", symbols: ["MSFT"]), NewsFixtures.item("Lawsuit", symbols: ["MSFT"]),
        ])))
    let engine = SentimentEngine(
      configuration: .init(symbols: ["AAPL", "MSFT"]), sources: [.init(source, every: .seconds(60))],
      scorer: NewsFixtures.lexicon, now: { NewsFixtures.start.adding(seconds: 600) }, logger: quietLogger("sentiment"))
    await engine.refresh()
    let router = buildComponentRouter(routes: SentimentEngineRoutes(engine: engine), metrics: AITraderMetrics())
    try await withComponentServer(router) { base in
      let reader = HTTPSentimentReader(baseURL: base, client: client)
      for symbol in ["AAPL", "MSFT"] {
        #expect(try await reader.sentiment(for: symbol) == SentimentView(await engine.sentiment(for: symbol)))
      }
      await #expect(throws: RemoteServiceError.self) { try await reader.sentiment(for: "TSLA") }

      let forecaster = SentimentForecaster(reader: reader, origin: base, timeLimit: .seconds(30))
      let view = try await reader.sentiment(for: "MSFT")
      #expect(await forecaster.forecast(for: TradingFixtures.signal(1, symbol: "MSFT")) == view.score * view.confidence)

      let health = await SentimentEngineHealth(
        engine: nil,
        remote: RemoteComponentHealth(
          componentKey: "sentiment_engine", name: "Sentiment engine", baseURL: base, client: client),
        forecaster: forecaster
      ).health()
      #expect(health.status == .ok)
      guard case .object(let symbols)? = health.details["symbols"],
        case .object(let factor)? = health.details["sentiment_factor"]
      else {
        Issue.record("\(health.details)")
        return
      }
      #expect(Set(symbols.keys) == ["AAPL", "MSFT"])
      #expect(factor["answered"] == 1)
    }
  }

  @Test func anEngineThatIsDownLeavesTheFactorOutAndShowsInStatus() async throws {
    let closed = "http://127.0.0.1:\(try RunningAITrader.freePort())"
    let forecaster = SentimentForecaster(
      reader: HTTPSentimentReader(baseURL: closed, client: client), origin: closed,
      breaker: CircuitBreaker(configuration: .init(failureThreshold: 2, cooldown: .seconds(3_600))))
    for index in 1...4 { #expect(await forecaster.forecast(for: TradingFixtures.signal(index)) == nil) }
    #expect(forecaster.counts.failed == 2 && forecaster.counts.refused == 2)
    let health = await SentimentEngineHealth(
      engine: nil,
      remote: RemoteComponentHealth(componentKey: "sentiment_engine", name: "Sentiment engine", baseURL: closed),
      forecaster: forecaster
    ).health()
    #expect(health.status == .error)
    #expect(health.running == false)
    guard case .object(let factor)? = health.details["sentiment_factor"] else {
      Issue.record("\(health.details)")
      return
    }
    #expect(factor["circuit"] == "open")
  }
}
