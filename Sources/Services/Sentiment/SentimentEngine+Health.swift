import Sentiment
import TradingCore

/// `/api/status`'s `sentiment_engine`: the engine's own health (in this process, or read from
/// its `/health`) and the sentiment factor's circuit breaker and counts. An open breaker is
/// `degraded`: the strategy then decides without sentiment.
public struct SentimentEngineHealth: HealthReporting {
  public let componentKey = "sentiment_engine"
  let engine: SentimentEngine?
  let remote: RemoteComponentHealth?
  let forecaster: SentimentForecaster?

  public init(engine: SentimentEngine?, remote: RemoteComponentHealth? = nil, forecaster: SentimentForecaster?) {
    self.engine = engine
    self.remote = remote
    self.forecaster = forecaster
  }

  public func health() async -> ComponentHealth {
    var health: ComponentHealth
    if let engine {
      health = await engine.health()
    } else if let remote {
      health = await remote.health()
    } else {
      health = ComponentHealth(
        name: "Sentiment engine", status: .notConfigured, running: false, version: AITraderVersion.current,
        details: ["reason": .string("no sentiment engine in this deployment")])
    }
    guard let forecaster else {
      health.details["sentiment_factor"] = .string("off")
      return health
    }
    let breaker = forecaster.breaker.snapshot
    let counts = forecaster.counts
    health.details["sentiment_factor"] = .object(
      counts.statusDetails(
        breaker: breaker, withoutInputKey: "symbols_without_news", extra: ["origin": .string(forecaster.origin)]))
    if let lastError = counts.lastError { health.details["factor_last_error"] = .string(lastError) }
    if breaker.state != .closed, health.status == .ok {
      health.status = .degraded
      health.details["reason"] = .string(
        "sentiment circuit \(breaker.state.rawValue): the strategy decides without the sentiment factor")
    }
    return health
  }
}

extension SentimentEngine {
  /// The engine's state: every symbol's sentiment, every source's record, the scorer and the
  /// queue. `degraded` while items wait because scoring failed, or when every source failed its
  /// last fetch.
  public func health() -> ComponentHealth {
    var symbols: [String: JSONValue] = [:]
    for symbol in configuration.symbols {
      let sentiment = self.sentiment(for: symbol)
      symbols[symbol] = .object([
        "score": .number(sentiment.score), "confidence": .number(sentiment.confidence),
        "items": .number(Double(sentiment.items)),
      ])
    }
    var sourceDetails: [String: JSONValue] = [:]
    for (name, record) in records {
      var details: [String: JSONValue] = [
        "fetches": .number(Double(record.fetches)), "failures": .number(Double(record.failures)),
        "items": .number(Double(record.items)),
        "skipped": .object(record.skipped.mapValues { .number(Double($0)) }),
      ]
      details["failing"] = .bool(record.failing)
      if let lastError = record.lastError { details["last_error"] = .string(lastError) }
      if let lastSuccess = record.lastSuccess { details["last_success"] = .string(lastSuccess.iso8601) }
      sourceDetails[name] = .object(details)
    }
    var details: [String: JSONValue] = [
      "symbols": .object(symbols), "sources": .object(sourceDetails), "scorer": .string(scorer.name),
      "queued": .number(Double(queue.count)), "scored": .number(Double(scored)),
      "scoring_failures": .number(Double(scoringFailures)), "dropped": .number(Double(dropped)),
      "half_life_seconds": .number(configuration.halfLife / .seconds(1)),
    ]
    if let lastScoringError { details["last_scoring_error"] = .string(lastScoringError) }
    if let lastRefresh { details["last_refresh"] = .string(lastRefresh.iso8601) }
    var status = ComponentHealth.Status.ok
    if !queue.isEmpty && lastScoringError != nil {
      status = .degraded
      details["reason"] = .string("scoring failed: \(queue.count) items wait for the next refresh")
    } else if !records.isEmpty, records.values.allSatisfy(\.failing) {
      status = .degraded
      details["reason"] = .string("every news source is failing")
    }
    return ComponentHealth(
      name: "Sentiment engine", status: status, running: true, version: AITraderVersion.current, details: details)
  }
}
