import Foundation
import Inference
import Logging
import Messaging
import Sentiment
import ServiceLifecycle
import TradingCore

extension AITraderConfiguration {
  /// The FinBERT service's scorer: the configured ONNX classifier, else — or when it fails to
  /// load, which is logged and shown in health — the Loughran–McDonald lexicon.
  public func finbertService(metrics: AITraderMetrics? = nil, logger: Logger) -> FinBERTService {
    var fallbackReason = "no FinBERT model configured (AITRADER_FINBERT_MODEL)"
    if !finbertModel.isEmpty {
      do {
        let vocabulary =
          finbertVocabulary.isEmpty
          ? URL(fileURLWithPath: finbertModel).deletingLastPathComponent().appendingPathComponent("vocab.txt").path
          : finbertVocabulary
        let classifier = try FinBERTClassifier(
          modelPath: finbertModel, runtime: try OnnxRuntime.load(libraryPath: onnxLibrary),
          tokenizer: try BertTokenizer(vocabularyFile: vocabulary),
          sessionOptions: SessionOptions(providers: onnxProviders, intraOpThreads: onnxThreads, interOpThreads: 1))
        logger.info("FinBERT scorer: \(classifier.name) with labels \(classifier.labels.classes)")
        return FinBERTService(scorer: classifier, metrics: metrics)
      } catch {
        fallbackReason = "\(finbertModel) did not load: \(error)"
        logger.warning("FinBERT model not used, falling back to the lexicon: \(fallbackReason)")
      }
    }
    do {
      let lexicon = try FinancialLexicon(contentsOf: lexiconPath)
      return FinBERTService(scorer: LexiconScorer(lexicon: lexicon), fallbackReason: fallbackReason, metrics: metrics)
    } catch {
      logger.error("no sentiment scorer: \(error)")
      return FinBERTService(scorer: nil, fallbackReason: "\(fallbackReason); \(error)", metrics: metrics)
    }
  }

  /// The folder of JSONL news files.
  public var resolvedNewsDirectory: String {
    newsDirectory.isEmpty
      ? URL(fileURLWithPath: dataDirectory).appendingPathComponent("news").path : newsDirectory
  }

  /// The sentiment engine's settings for the configured symbols.
  public var sentimentEngineConfiguration: SentimentEngine.Configuration {
    SentimentEngine.Configuration(
      symbols: symbols, halfLife: .milliseconds(Int64(sentimentHalfLifeSeconds * 1000)),
      maxAge: .milliseconds(Int64(sentimentMaxAgeSeconds * 1000)))
  }

  /// The sentiment factor: over HTTP when `sentimentURL` is set, else from `local`; nil when
  /// its weight is 0 or there is nothing to ask.
  public func sentimentForecaster(local: SentimentEngine?) -> SentimentForecaster? {
    guard sentimentWeight > 0 else { return nil }
    let breaker = CircuitBreaker(
      configuration: .init(
        failureThreshold: breakerFailures, cooldown: .milliseconds(Int64(breakerCooldownSeconds * 1000))))
    let timeLimit = Duration.milliseconds(predictorTimeoutMilliseconds)
    if let sentimentURL {
      let client = ResilientHTTPClient(policy: .init(timeout: timeLimit, attempts: 2))
      return SentimentForecaster(
        reader: HTTPSentimentReader(baseURL: sentimentURL, client: client), origin: sentimentURL, breaker: breaker,
        timeLimit: timeLimit)
    }
    guard let local else { return nil }
    return SentimentForecaster(
      reader: LocalSentimentReader(engine: local), origin: "in-process", breaker: breaker, timeLimit: timeLimit)
  }
}

extension AITraderConfiguration {
  /// The engine's scorer: FinBERT over HTTP when `finbertURL` is set, else FinBERT in this process.
  public func remoteOrLocalScorer(metrics: AITraderMetrics?, logger: Logger) -> any SentimentScorer {
    if let finbertURL {
      return HTTPSentimentScorer(
        baseURL: finbertURL, client: ResilientHTTPClient(policy: .init(timeout: .seconds(10), attempts: 3)))
    }
    return FinBERTScorerAdapter(service: finbertService(metrics: metrics, logger: logger))
  }

  /// The configured news sources: the JSONL folder always; RSS, NewsAPI and Alpha Vantage when
  /// configured (feeds or keys), each polled every `providerPollSeconds`.
  public func newsSources(fetcher: any HTTPFetching = HTTPNewsFetcher()) -> [SentimentEngine.ScheduledSource] {
    var sources = [
      SentimentEngine.ScheduledSource(
        JSONLNewsSource(path: resolvedNewsDirectory), every: .milliseconds(Int64(newsPollSeconds * 1000)))
    ]
    let providerInterval = Duration.milliseconds(Int64(providerPollSeconds * 1000))
    if !rssFeeds.isEmpty {
      let feeds = rssFeeds.map { url in
        url.contains("{symbol}") ? RSSNewsSource.Feed.perSymbol(template: url) : .general(url: url)
      }
      sources.append(.init(RSSNewsSource(feeds: feeds, fetcher: fetcher), every: providerInterval))
    }
    if !newsapiKey.isEmpty {
      sources.append(
        .init(NewsAPISource(apiKey: newsapiKey, fetcher: fetcher, baseURL: newsapiURL), every: providerInterval))
    }
    if !alphavantageKey.isEmpty {
      sources.append(
        .init(
          AlphaVantageNewsSource(apiKey: alphavantageKey, fetcher: fetcher, baseURL: alphavantageURL),
          every: providerInterval))
    }
    return sources
  }

  /// The sentiment engine over the configured sources, scoring with `scorer`.
  public func sentimentEngine(
    scorer: any SentimentScorer, bus: (any EventBus)?, metrics: AITraderMetrics?, logger: Logger
  ) -> SentimentEngine {
    SentimentEngine(
      configuration: sentimentEngineConfiguration, sources: newsSources(), scorer: scorer, bus: bus, metrics: metrics,
      logger: logger)
  }
}

/// The FinBERT service as a `SentimentScorer`, so that an engine in the same process scores
/// through the service's checks and counters.
struct FinBERTScorerAdapter: SentimentScorer {
  let service: FinBERTService
  var name: String { service.scorer?.name ?? "none" }
  func score(_ texts: [String]) async throws -> [SentimentScores] { try await service.analyze(texts) }
}

extension FinBERTService {
  /// The service's HTTP server on `finbertPort`, as a service.
  func services(
    configuration: AITraderConfiguration, metrics: AITraderMetrics,
    onServerRunning: @escaping @Sendable (_ port: Int?) async -> Void, logger: Logger
  ) -> [ServiceGroupConfiguration.ServiceConfiguration] {
    [
      configuration.componentServer(
        routes: FinBERTRoutes(service: self), port: configuration.finbertPort, metrics: metrics,
        onServerRunning: onServerRunning, logger: logger)
    ]
  }
}

extension SentimentEngine {
  /// The engine's HTTP server on `sentimentPort` and its refresh loop, as services.
  nonisolated func services(
    configuration: AITraderConfiguration, metrics: AITraderMetrics,
    onServerRunning: @escaping @Sendable (_ port: Int?) async -> Void, logger: Logger
  ) -> [ServiceGroupConfiguration.ServiceConfiguration] {
    let poll = SentimentPollService(
      engine: self, interval: .milliseconds(Int64(configuration.newsPollSeconds * 1000)), logger: logger)
    return [
      configuration.componentServer(
        routes: SentimentEngineRoutes(engine: self), port: configuration.sentimentPort, metrics: metrics,
        onServerRunning: onServerRunning, logger: logger),
      .init(service: poll),
    ]
  }
}
