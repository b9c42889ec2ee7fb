import Foundation
import Messaging
import Sentiment
import Services
import Testing
import TradingCore

/// The sentiment engine over scripted sources, a lexicon and a clock the test moves.
@Suite struct SentimentEngineTests {
  let clock = TestClock(NewsFixtures.start)
  let source = ScriptedNewsSource(name: "wire")

  private func engine(
    sources: [SentimentEngine.ScheduledSource]? = nil, scorer: any SentimentScorer = NewsFixtures.lexicon,
    bus: (any EventBus)? = nil, metrics: AITraderMetrics? = nil
  ) -> SentimentEngine {
    let clock = clock
    return SentimentEngine(
      configuration: .init(symbols: ["AAPL", "MSFT"], halfLife: .seconds(3_600), maxAge: .seconds(86_400)),
      sources: sources ?? [.init(source, every: .seconds(5))], scorer: scorer, bus: bus, metrics: metrics,
      now: { clock.now }, logger: quietLogger("sentiment"))
  }

  @Test func oneItemGivesItsOwnScoreAndUnwatchedSymbolsAreIgnored() async {
    // "Strong gain": 2 positive hits → 2/3 positive, 1/3 neutral, score 2/3. With one item the
    // weights cancel: the symbol's score is the item's.
    source.enqueue(.success(NewsFetch(items: [NewsFixtures.item("Strong gain", symbols: ["AAPL", "TSLA"])])))
    let engine = engine()
    await engine.refresh()
    let aapl = await engine.sentiment(for: "AAPL")
    #expect(aapl.items == 1)
    #expect(abs(aapl.score - 2.0 / 3) < 1e-12)
    #expect(aapl.confidence > 0 && aapl.confidence <= 1)
    #expect(aapl.updatedAt == NewsFixtures.start)
    let msft = await engine.sentiment(for: "MSFT")
    #expect(msft.items == 0 && msft.score == 0 && msft.confidence == 0 && msft.updatedAt == nil)
  }

  @Test func twoItemsOfEqualWeightAverage() async {
    // Same publisher, same age, no corroboration: equal weights, so the score is the mean of
    // "Strong gain" (2 positive hits: 2/3 − 0) and "Weak loss" (2 negative hits: 0 − 2/3) = 0.
    source.enqueue(
      .success(
        NewsFixtures.fetch([
          NewsFixtures.item("Strong gain"), NewsFixtures.item("Weak loss"),
        ])))
    let engine = engine()
    await engine.refresh()
    let aapl = await engine.sentiment(for: "AAPL")
    #expect(aapl.items == 2)
    #expect(abs(aapl.score) < 1e-12)
  }

  @Test func duplicatesCountOnceAndBadItemsAreSkippedAndCounted() async {
    let metrics = AITraderMetrics()
    let other = ScriptedNewsSource(name: "other")
    source.enqueue(
      .success(
        NewsFetch(
          items: [
            NewsFixtures.item("Strong gain", url: "https://news.example/a"),
            NewsFixtures.item("Strong gain", url: "https://www.news.example/a/?utm_source=x"),
            NewsFixtures.item("   "), NewsFixtures.item("bad \u{0} bytes"),
          ], skipped: ["missing_title": 2])))
    other.enqueue(
      .success(NewsFetch(items: [NewsFixtures.item("Strong gain", publisher: "Bloomberg", url: "https://b.example/1")]))
    )
    let engine = engine(
      sources: [.init(source, every: .seconds(5)), .init(other, every: .seconds(5))], metrics: metrics)
    await engine.refresh()
    #expect(await engine.sentiment(for: "AAPL").items == 1)
    let health = await engine.health()
    guard case .object(let sources)? = health.details["sources"], case .object(let wire)? = sources["wire"] else {
      Issue.record("no sources in \(health.details)")
      return
    }
    #expect(wire["items"] == 1)
    #expect(wire["skipped"] == .object(["missing_title": 2, "empty": 1, "binary": 1]))
    let text = metrics.exposition()
    #expect(text.contains(#"aitrader_news_items_total{source="wire",outcome="new"} 1"#))
    #expect(text.contains(#"aitrader_news_items_total{source="wire",outcome="duplicate"} 1"#))
    #expect(text.contains(#"aitrader_news_items_total{source="other",outcome="duplicate"} 1"#))
    #expect(text.contains(#"aitrader_news_items_total{source="wire",outcome="binary"} 1"#))
  }

  @Test func itemsWhoseScoringFailedAreScoredOnTheNextRefresh() async {
    let scorer = SwitchableScorer(lexicon: NewsFixtures.lexicon)
    scorer.fail(true)
    source.enqueue(.success(NewsFetch(items: [NewsFixtures.item("Record gain"), NewsFixtures.item("Lawsuit")])))
    let engine = engine(scorer: scorer)
    await engine.refresh()
    #expect(await engine.sentiment(for: "AAPL").items == 0)
    let degraded = await engine.health()
    #expect(degraded.status == .degraded)
    #expect(degraded.details["queued"] == 2)

    scorer.fail(false)
    clock.advance(seconds: 5)
    await engine.refresh()
    let aapl = await engine.sentiment(for: "AAPL")
    #expect(aapl.items == 2, "nothing accepted is lost")
    #expect(await engine.health().details["queued"] == 0)
    #expect(await engine.health().status == .ok)
  }

  @Test func aRateLimitedSourceRestsUntilRetryAfterAndIsCounted() async {
    let metrics = AITraderMetrics()
    source.enqueue(.failure(.rateLimited(source: "wire", message: "slow down", retryAfter: .seconds(60))))
    let engine = engine(metrics: metrics)
    await engine.refresh()
    #expect(source.fetches == 1)
    for _ in 0..<5 {
      clock.advance(seconds: 10)
      await engine.refresh()
    }
    #expect(source.fetches == 1, "not asked again within the 60 s it asked for")
    clock.advance(seconds: 11)
    await engine.refresh()
    #expect(source.fetches == 2)
    let health = await engine.health()
    #expect(health.status == .ok)
    #expect(metrics.exposition().contains(#"aitrader_news_source_errors_total{source="wire",kind="rate_limited"} 1"#))
  }

  @Test func everySourceFailingIsDegraded() async {
    source.enqueue(.failure(.unavailable(source: "wire", detail: "connection refused")))
    let engine = engine()
    await engine.refresh()
    let health = await engine.health()
    #expect(health.status == .degraded)
    #expect(health.details["reason"] == "every news source is failing")
  }

  @Test func itemsAgeOutAfterMaxAge() async {
    source.enqueue(.success(NewsFetch(items: [NewsFixtures.item("Strong gain")])))
    let engine = engine()
    await engine.refresh()
    #expect(await engine.sentiment(for: "AAPL").items == 1)
    clock.advance(seconds: 86_401)
    await engine.refresh()
    #expect(await engine.sentiment(for: "AAPL").items == 0)
  }

  @Test func updatesArePublishedOnTheBusForChangedSymbols() async throws {
    let bus = InProcessEventBus()
    source.enqueue(.success(NewsFetch(items: [NewsFixtures.item("Strong gain", symbols: ["MSFT"])])))
    let engine = engine(bus: bus)
    await engine.refresh()
    #expect(try await bus.streamLength(.sentimentUpdates) == 1)
    try await bus.createGroup(stream: .sentimentUpdates, group: "test", startAt: .beginning)
    let entries = try await bus.read(
      stream: .sentimentUpdates, group: "test", consumer: "c", count: 10, block: .zero)
    let envelope = try BusEnvelope(busFields: try #require(entries.first).fields)
    #expect(envelope.type == "sentiment")
    let view = try envelope.decodePayload(as: SentimentView.self)
    #expect(view.symbol == "MSFT" && view.items == 1 && abs(view.score - 2.0 / 3) < 1e-12)
    #expect(view.updatedAt == NewsFixtures.start.iso8601)
  }
}

extension NewsFixtures {
  static func fetch(_ items: [NewsItem]) -> NewsFetch { NewsFetch(items: items) }
}
