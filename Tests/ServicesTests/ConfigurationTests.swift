import Foundation
import Testing

@testable import Services
@testable import TradingCore

@Suite struct ConfigurationTests {
  @Test func defaultsWithAnEmptyEnvironment() async throws {
    let configuration = try await AITraderConfiguration.load(environment: [:])
    #expect(configuration == AITraderConfiguration())
    #expect(configuration.port == 8000)
    #expect(configuration.symbols == ["AAPL", "MSFT", "GOOG", "AMZN", "TSLA"])
  }

  @Test func environmentVariablesOverrideDefaults() async throws {
    let configuration = try await AITraderConfiguration.load(environment: [
      "AITRADER_PORT": "9100", "AITRADER_SYMBOLS": "eurusd, btc-usd", "AITRADER_TICK_RATE": "250",
      "AITRADER_STARTING_CASH": "2500.50", "AITRADER_COMMISSION_RATE": "0.001", "AITRADER_LOG_LEVEL": "DEBUG",
    ])
    #expect(configuration.port == 9100)
    #expect(configuration.symbols == ["EURUSD", "BTC-USD"])
    #expect(configuration.tickRate == 250)
    #expect(configuration.startingCash == Fixed("2500.5")!)
    #expect(configuration.commissionRate == Fixed("0.001")!)
    #expect(configuration.logLevel == "debug")
  }

  @Test func theRecentSignalsKeptAreNoneOrAtLeastAPageAndOne() async throws {
    #expect(try await AITraderConfiguration.load(environment: [:]).recentSignals == 10_000)
    #expect(try await AITraderConfiguration.load(environment: ["AITRADER_RECENT_SIGNALS": "0"]).recentSignals == 0)
    #expect(try await AITraderConfiguration.load(environment: ["AITRADER_RECENT_SIGNALS": "101"]).recentSignals == 101)
  }

  @Test func inferenceSettingsReachTheRunnerAndTheMLFactor() async throws {
    let configuration = try await AITraderConfiguration.load(environment: [
      "AITRADER_ONNX_PROVIDERS": " CUDA , cpu", "AITRADER_BATCH_MAX_ROWS": "16",
      "AITRADER_BATCH_MAX_WAIT_MICROSECONDS": "250", "AITRADER_MODEL_DIRECTORY": "/srv/models",
      "AITRADER_MODEL_RELOAD_SECONDS": "0", "AITRADER_PREDICTOR_URL": "http://10.0.0.5:8001",
      "AITRADER_ML_WEIGHT": "0.4", "AITRADER_MEMORY_LIMIT_MB": "512",
    ])
    #expect(configuration.onnxProviders == [.cuda, .cpu])
    let runner = configuration.onnxRunner
    #expect(runner.session.providers == [.cuda, .cpu])
    #expect(runner.batching.maxBatchRows == 16)
    #expect(runner.batching.maxWait == .microseconds(250))
    #expect(runner.modelDirectory == "/srv/models")
    #expect(runner.reloadInterval == nil)
    #expect(configuration.predictorURL == "http://10.0.0.5:8001")
    #expect(configuration.memoryLimitMB == 512)
    #expect(configuration.alpha.components.map(\.weight) == [0.5, 0.4, 0.2])
    // A remote runner is asked even without a local one.
    #expect(configuration.directionForecaster(local: nil)?.model == "direction")
  }

  @Test func noMLFactorWithoutAModelOrWeightOrPredictor() async throws {
    #expect(AITraderConfiguration().directionForecaster(local: nil) == nil)
    var configuration = AITraderConfiguration()
    configuration.predictorURL = "http://127.0.0.1:8001"
    configuration.mlWeight = 0
    #expect(configuration.directionForecaster(local: nil) == nil)
    configuration.mlWeight = 0.3
    configuration.mlModel = ""
    #expect(configuration.directionForecaster(local: nil) == nil)
  }

  @Test func sentimentSettingsReachTheEngineTheSourcesAndTheFactor() async throws {
    let configuration = try await AITraderConfiguration.load(environment: [
      "AITRADER_SYMBOLS": "AAPL,MSFT", "AITRADER_SENTIMENT_WEIGHT": "0.25", "AITRADER_DATA_DIRECTORY": "/srv/data",
      "AITRADER_RSS_FEEDS": "https://a.example/rss, https://b.example/{symbol}.xml",
      "AITRADER_NEWSAPI_KEY": "n-key", "AITRADER_ALPHAVANTAGE_KEY": "a-key", "AITRADER_NEWS_GENERATOR": "FALSE",
      "AITRADER_SENTIMENT_HALF_LIFE_SECONDS": "1800", "AITRADER_SENTIMENT_MAX_AGE_SECONDS": "7200",
      "AITRADER_PROVIDER_POLL_SECONDS": "600", "AITRADER_SENTIMENT_URL": "http://10.0.0.6:8002",
    ])
    #expect(configuration.resolvedNewsDirectory == "/srv/data/news")
    #expect(configuration.newsGenerator == false)
    #expect(configuration.rssFeeds == ["https://a.example/rss", "https://b.example/{symbol}.xml"])
    let engine = configuration.sentimentEngineConfiguration
    #expect(engine.symbols == ["AAPL", "MSFT"])
    #expect(engine.halfLife == .seconds(1800) && engine.maxAge == .seconds(7200))
    let sources = configuration.newsSources()
    #expect(sources.map(\.source.name) == ["jsonl", "rss", "newsapi", "alphavantage"])
    #expect(sources.map(\.interval) == [.seconds(5), .seconds(600), .seconds(600), .seconds(600)])
    let factor = try #require(configuration.sentimentForecaster(local: nil))
    #expect(factor.origin == "http://10.0.0.6:8002")
    #expect(configuration.alpha.components.map(\.weight) == [0.5, 0.3, 0.25])

    let off = try await AITraderConfiguration.load(environment: ["AITRADER_SENTIMENT_WEIGHT": "0"])
    #expect(off.sentimentForecaster(local: nil) == nil)
    #expect(off.newsSources().map(\.source.name) == ["jsonl"])
  }

  @Test func aJSONFileSetsWhatTheEnvironmentDoesNot() async throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("aitrader-\(UUID()).json")
    try #"{"aitrader": {"port": 8123, "tickRate": 7.5, "seed": 9}}"#.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let configuration = try await AITraderConfiguration.load(environment: [
      "AITRADER_CONFIG_FILE": file.path, "AITRADER_SEED": "11",
    ])
    #expect(configuration.port == 8123)
    #expect(configuration.tickRate == 7.5)
    #expect(configuration.seed == 11)
  }

  @Test(arguments: [
    ("AITRADER_PORT", "80000"), ("AITRADER_PORT", "http"), ("AITRADER_TICK_RATE", "-1"),
    ("AITRADER_SYMBOLS", "AAPL,AAPL"), ("AITRADER_SYMBOLS", "bad symbol!"), ("AITRADER_STARTING_CASH", "0"),
    ("AITRADER_RISK_PER_TRADE", "1.5"), ("AITRADER_LOG_LEVEL", "loud"), ("AITRADER_COMMISSION_RATE", "0.5"),
    ("AITRADER_ONNX_PROVIDERS", "gpu"), ("AITRADER_ONNX_PROVIDERS", ""), ("AITRADER_BATCH_MAX_ROWS", "0"),
    ("AITRADER_ML_WEIGHT", "2"), ("AITRADER_PREDICTOR_URL", "localhost:8001"), ("AITRADER_ONNX_PORT", "-1"),
    ("AITRADER_SENTIMENT_WEIGHT", "-0.1"), ("AITRADER_FINBERT_PORT", "70000"),
    ("AITRADER_SENTIMENT_URL", "engine:8002"),
    ("AITRADER_FINBERT_URL", "ftp://x"), ("AITRADER_NEWS_POLL_SECONDS", "0"), ("AITRADER_NEWS_GENERATOR", "maybe"),
    ("AITRADER_RSS_FEEDS", "https://a.example/rss,feeds.example/rss"), ("AITRADER_SENTIMENT_HALF_LIFE_SECONDS", "0"),
    ("AITRADER_PROVIDER_POLL_SECONDS", "-5"), ("AITRADER_NEWSAPI_URL", "newsapi.org"),
    ("AITRADER_RECENT_SIGNALS", "100"), ("AITRADER_RECENT_SIGNALS", "-1"),
  ])
  func invalidSettingsAreRefusedByName(variable: String, value: String) async throws {
    await #expect(throws: AITraderConfiguration.InvalidSetting.self) {
      _ = try await AITraderConfiguration.load(environment: [variable: value])
    }
  }
}
