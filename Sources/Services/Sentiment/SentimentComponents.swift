import Logging
import Messaging
import Sentiment
import ServiceLifecycle
import TradingCore

/// One of the sentiment side's HTTP servers.
public enum SentimentServer: String, Sendable, Hashable {
  case finbert
  case sentimentEngine = "sentiment_engine"
}

/// The sentiment side of `aitrader run`: FinBERT (port 8004) and the sentiment engine (8002) in
/// this process — unless `finbertURL` / `sentimentURL` point at remote ones — the generated
/// news feed, the strategy's sentiment factor, and their `/api/status` entries.
struct SentimentComponents: Sendable {
  /// FinBERT in this process, when the engine here uses it.
  let finbert: FinBERTService?
  /// The engine in this process, unless `sentimentURL` is set.
  let engine: SentimentEngine?
  /// The strategy's sentiment factor; nil when its weight is 0.
  let forecaster: SentimentForecaster?
  /// `sentiment_engine` and `finbert` for `/api/status`.
  let healthReporters: [any HealthReporting]

  init(configuration: AITraderConfiguration, bus: any EventBus, metrics: AITraderMetrics, logger: Logger) {
    let localEngine = configuration.sentimentURL == nil
    finbert =
      localEngine && configuration.finbertURL == nil
      ? configuration.finbertService(metrics: metrics, logger: logger) : nil
    if localEngine {
      let scorer: any SentimentScorer =
        finbert.map { FinBERTScorerAdapter(service: $0) }
        ?? configuration.remoteOrLocalScorer(metrics: metrics, logger: logger)
      engine = configuration.sentimentEngine(scorer: scorer, bus: bus, metrics: metrics, logger: logger)
    } else {
      engine = nil
    }
    forecaster = configuration.sentimentForecaster(local: engine)
    let finbertHealth: any HealthReporting =
      if let finbert {
        finbert
      } else if let url = configuration.finbertURL, localEngine {
        RemoteComponentHealth(componentKey: "finbert", name: "FinBERT", baseURL: url)
      } else {
        NotConfiguredComponent(
          componentKey: "finbert", name: "FinBERT", reason: "FinBERT is the remote sentiment engine's")
      }
    healthReporters = [
      SentimentEngineHealth(
        engine: engine,
        remote: configuration.sentimentURL.map {
          RemoteComponentHealth(componentKey: "sentiment_engine", name: "Sentiment engine", baseURL: $0)
        },
        forecaster: forecaster),
      finbertHealth,
    ]
  }

  /// The HTTP servers, the engine's refresh loop and, when configured, the generated news feed
  /// that follows `marks`.
  func services(
    configuration: AITraderConfiguration, metrics: AITraderMetrics,
    marks: @escaping @Sendable () async -> [String: Price],
    onServerRunning: @escaping @Sendable (SentimentServer, _ port: Int?) async -> Void, logger: Logger
  ) -> [ServiceGroupConfiguration.ServiceConfiguration] {
    var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
    if let finbert {
      services += finbert.services(
        configuration: configuration, metrics: metrics, onServerRunning: { await onServerRunning(.finbert, $0) },
        logger: logger)
    }
    if let engine {
      services += engine.services(
        configuration: configuration, metrics: metrics,
        onServerRunning: { await onServerRunning(.sentimentEngine, $0) }, logger: logger)
      if configuration.newsGenerator {
        let wire = MarketNewsWire(
          marks: marks, directory: configuration.resolvedNewsDirectory,
          interval: .milliseconds(Int64(configuration.newsGeneratorSeconds * 1000)), seed: configuration.seed,
          logger: logger)
        services.append(.init(service: wire))
      }
    }
    return services
  }
}
