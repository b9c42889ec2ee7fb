import Configuration
import Inference
import Logging
import SystemPackage
import TradingCore

/// Every setting of `aitrader run`, with its default. Each is read from an environment variable
/// (`AITRADER_` + the key in upper snake case, e.g. `AITRADER_TICK_RATE`) or from the JSON file
/// named by `AITRADER_CONFIG_FILE` (`{"aitrader": {"tickRate": 50}}`); the environment wins.
/// The README lists every key.
public struct AITraderConfiguration: Sendable, Hashable {
  /// Address the API listens on.
  public var host = "127.0.0.1"
  /// Port of the API (`/health`, `/api/*`, `/ws`, `/metrics`).
  public var port = 8000
  /// Folder for the SQLite store and other state.
  public var dataDirectory = "./data"
  /// Symbols of the synthetic market.
  public var symbols = ["AAPL", "MSFT", "GOOG", "AMZN", "TSLA"]
  /// Synthetic ticks per second, all symbols together.
  public var tickRate = 50.0
  /// Seed of the synthetic market and of signal ids.
  public var seed: UInt64 = 42
  /// CSV to replay instead of the synthetic market (ticks `timestamp,symbol,bid,ask[,volume]` or bars).
  public var replayPath: String?
  /// Replay speed: 0 as fast as possible, 1 real time, 10 ten times faster.
  public var replaySpeed = 0.0
  /// Cash of the paper account when the store is empty.
  public var startingCash: Money = Fixed(100_000)
  /// Relative commission per fill.
  public var commissionRate: Fixed = Fixed(raw: 50_000)  // 0.0005
  /// Slippage against each fill, in basis points.
  public var slippageBasisPoints: Fixed = Fixed(1)
  /// |score| above which the pattern engine emits a signal and the strategy acts.
  public var signalThreshold = 0.3
  /// Fraction of equity risked per trade (the sizing budget).
  public var riskPerTrade = 0.02
  /// Largest position as a fraction of equity.
  public var maxPositionFraction = 0.10
  /// Drawdown from the equity peak that trips the kill switch.
  public var maxDrawdownFraction = 0.10
  /// Loss over one UTC day, as a fraction of the day's opening equity, that stops new risk.
  public var dailyLossFraction = 0.03
  /// Seconds between WebSocket heartbeats.
  public var heartbeatSeconds = 1.0
  /// Seconds between WebSocket status messages.
  public var statusSeconds = 5.0
  /// Largest accepted request body, in bytes.
  public var maxRequestBodyBytes = 1_048_576
  /// trace, debug, info, notice, warning, error or critical.
  public var logLevel = "info"
  /// The ONNX Runtime shared library (fetched by `make run`/`make test` into `.vendor`).
  public var onnxLibrary = ".vendor/onnxruntime/lib/libonnxruntime.so"
  /// Folder whose `*.onnx` files the ONNX runner serves.
  public var modelDirectory = "./models"
  /// Execution providers to try, in order (`tensorrt,cuda,cpu`).
  public var onnxProviders: [ExecutionProvider] = [.tensorrt, .cuda, .cpu]
  /// ONNX Runtime threads per session (intra-op).
  public var onnxThreads = 1
  /// Port of the ONNX runner (`/health`, `/models`, `/predict`).
  public var onnxPort = 8001
  /// Most rows one inference batch stacks.
  public var batchMaxRows = 64
  /// How long the first request of a batch waits for company, in microseconds.
  public var batchMaxWaitMicroseconds = 0
  /// Rows a model's queue may hold before requests are refused with 429.
  public var batchQueueRows = 4096
  /// Seconds between checks of the model folder for changes (0: no hot reload).
  public var modelReloadSeconds = 5.0
  /// The model the ML factor asks (file name without `.onnx`; empty: no ML factor).
  public var mlModel = "direction"
  /// Bar length, in seconds, of the price history the ML features are computed on.
  public var mlBarSeconds = 1
  /// Weights of the technical, ML and sentiment factors in the combined score, renormalised
  /// over the factors that answer for a signal.
  public var technicalWeight = 0.5
  public var mlWeight = 0.3
  public var sentimentWeight = 0.2
  /// ONNX runner to ask over HTTP (e.g. `http://127.0.0.1:8001`) instead of the in-process one.
  public var predictorURL: String?
  /// Longest wait for one ML prediction, in milliseconds, before deciding without it.
  public var predictorTimeoutMilliseconds = 100
  /// Failures in a row that open the ML circuit breaker.
  public var breakerFailures = 5
  /// Seconds the ML circuit breaker stays open before a trial call.
  public var breakerCooldownSeconds = 10.0
  /// Resident memory, in MiB, above which a warning is logged (0: no limit).
  public var memoryLimitMB = 0
  /// Redis for the event bus (`redis://[user:password@]host:port[/db]`; also `REDIS_URL`); nil:
  /// the in-process bus.
  public var redisURL: String?
  /// PostgreSQL for the store (`postgres://user[:password]@host:port/database`; also
  /// `DATABASE_URL`); nil: SQLite under the data directory.
  public var databaseURL: String?
  /// Port of `aitrader serve pattern-engine`'s `/health` and `/metrics`.
  public var patternEnginePort = 8010
  /// Port of `aitrader serve strategy-engine`'s `/health` and `/metrics`.
  public var strategyEnginePort = 8011
  /// Port of `aitrader serve execution`'s `/health` and `/metrics`.
  public var executionPort = 8012
  /// This process's name among the instances of its component: its consumer name in the shared
  /// groups and the name of its own groups; nil: `<component>-<host name>-<process id>`.
  public var instanceName: String?
  /// The base URL other processes reach this one's `/health` at, sent in its heartbeats; nil:
  /// `http://<host>:<bound port>`, with the host name when listening on every address.
  public var advertiseURL: String?
  /// How long an entry may stay pending with a consumer before a live one takes it over.
  public var reclaimIdleSeconds = 30.0
  /// Port of the FinBERT service (`/health`, `POST /analyze`).
  public var finbertPort = 8004
  /// A BERT sequence classifier in ONNX (e.g. an export of ProsusAI/finbert); empty: the lexicon.
  public var finbertModel = ""
  /// The model's WordPiece vocabulary (empty: `vocab.txt` beside the model).
  public var finbertVocabulary = ""
  /// The Loughran–McDonald dictionary CSV of the lexicon scorer (fetched by setup into `.vendor`).
  public var lexiconPath = ".vendor/sentiment/LM.csv"
  /// FinBERT service to ask over HTTP (e.g. `http://127.0.0.1:8004`) instead of the in-process scorer.
  public var finbertURL: String?
  /// Port of the sentiment engine (`/health`, `/sentiment/{symbol}`, `/sentiment?symbols=`).
  public var sentimentPort = 8002
  /// Sentiment engine to ask over HTTP (e.g. `http://127.0.0.1:8002`) instead of the in-process one.
  public var sentimentURL: String?
  /// Folder of `*.jsonl` news files (empty: `news` under the data directory).
  public var newsDirectory = ""
  /// Seconds between reads of the news folder (and between the engine's refreshes).
  public var newsPollSeconds = 5.0
  /// Whether `aitrader run` writes a generated news feed that follows the synthetic market.
  public var newsGenerator = true
  /// Seconds between the generated feed's looks at the market.
  public var newsGeneratorSeconds = 5.0
  /// RSS or Atom feeds to poll (comma-separated URLs; `{symbol}` is replaced by each symbol).
  public var rssFeeds: [String] = []
  /// NewsAPI key (empty: NewsAPI is not asked) and address.
  public var newsapiKey = ""
  public var newsapiURL = "https://newsapi.org"
  /// Alpha Vantage key (empty: Alpha Vantage is not asked) and address.
  public var alphavantageKey = ""
  public var alphavantageURL = "https://www.alphavantage.co"
  /// Seconds between polls of each HTTP news provider (RSS, NewsAPI, Alpha Vantage).
  public var providerPollSeconds = 900.0
  /// Half-life of a news item's weight, and the age after which it no longer counts, in seconds.
  public var sentimentHalfLifeSeconds = 21_600.0
  public var sentimentMaxAgeSeconds = 259_200.0
  /// Port of the mock broker's MCP server (`aitrader serve mock-mcp`).
  public var mockBrokerPort = 9000
  /// The MCP endpoint of the broker execution trades through (`BROKER_URL`, e.g.
  /// `http://127.0.0.1:9000/mcp`); the in-process paper broker when unset.
  public var brokerURL: String?
  /// Time limit of one broker tool call, in milliseconds.
  public var brokerTimeoutMilliseconds = 5_000
  /// Seconds between reconciliations with the broker at `brokerURL`.
  public var reconcileSeconds = 30.0
  /// How often the pattern engine process sends the newest tick of each symbol on `ticks`, in
  /// milliseconds; 0 sends every tick.
  public var tickConflationMilliseconds = 0
  /// How many of the newest signals `aitrader run` keeps in memory for `/api/signals` when it
  /// stores in its own SQLite file; 0 keeps none (every page is read from the store).
  public var recentSignals = 10_000

  public init() {}

  /// A setting that could not be used, with what was wrong.
  public struct InvalidSetting: Error, Hashable, CustomStringConvertible {
    public var key: String
    public var value: String
    public var expected: String
    public var description: String { "configuration \(key)=\(value): expected \(expected)" }
  }

  /// Reads the settings from `environment` and, if it names one, the JSON config file.
  public static func load(environment: [String: String]) async throws -> AITraderConfiguration {
    var providers: [any ConfigProvider] = [EnvironmentVariablesProvider(environmentVariables: environment)]
    if let file = environment["AITRADER_CONFIG_FILE"], !file.isEmpty {
      providers.append(try await FileProvider<JSONSnapshot>(filePath: FilePath(file)))
    }
    var configuration = try AITraderConfiguration(reader: ConfigReader(providers: providers).scoped(to: "aitrader"))
    // The conventional unprefixed names, as every Redis and PostgreSQL tool reads them.
    if configuration.redisURL == nil, let url = environment["REDIS_URL"], !url.isEmpty {
      configuration.redisURL = try Self.backendURL(url, key: "REDIS_URL", schemes: ["redis"])
    }
    if configuration.brokerURL == nil, let url = environment["BROKER_URL"], !url.isEmpty {
      configuration.brokerURL = try Self.backendURL(url, key: "BROKER_URL", schemes: ["http", "https"])
    }
    if configuration.databaseURL == nil, let url = environment["DATABASE_URL"], !url.isEmpty {
      configuration.databaseURL = try Self.backendURL(url, key: "DATABASE_URL", schemes: ["postgres", "postgresql"])
    }
    return configuration
  }

  /// `url` when its scheme is one of `schemes`.
  static func backendURL(_ url: String, key: String, schemes: [String]) throws -> String {
    guard let colon = url.firstIndex(of: ":"), schemes.contains(url[..<colon].lowercased()),
      url[colon...].hasPrefix("://")
    else {
      throw InvalidSetting(key: key, value: url, expected: schemes.map { "\($0)://…" }.joined(separator: " or "))
    }
    return url
  }

  init(reader: ConfigReader) throws {
    /// The setting as text, whichever JSON type the file used for it.
    func text(_ key: String) -> String? {
      let configKey = ConfigKey(key)
      if let value = reader.string(forKey: configKey) { return value }
      if let value = reader.int(forKey: configKey) { return String(value) }
      if let value = reader.double(forKey: configKey) { return String(value) }
      if let value = reader.bool(forKey: configKey) { return String(value) }
      return reader.stringArray(forKey: configKey)?.joined(separator: ",")
    }
    func number<Value>(_ key: String, _ expected: String, _ parse: (String) -> Value?) throws -> Value? {
      guard let raw = text(key) else { return nil }
      guard let value = parse(raw.trimmingWhitespace) else {
        throw InvalidSetting(key: key, value: raw, expected: expected)
      }
      return value
    }
    func fraction(_ key: String) throws -> Double? {
      try number(key, "a number in (0, 1]") { Double($0).flatMap { $0 > 0 && $0 <= 1 ? $0 : nil } }
    }
    if let value = text("host") { host = value }
    if let value = try number("port", "a port 1…65535", { Int($0).flatMap { (1...65_535).contains($0) ? $0 : nil } }) {
      port = value
    }
    if let value = text("dataDirectory") { dataDirectory = value }
    if let value = text("symbols") { symbols = try Self.parseSymbols(value) }
    if let value = try number(
      "tickRate", "ticks per second > 0", { Double($0).flatMap { $0 > 0 && $0.isFinite ? $0 : nil } })
    {
      tickRate = value
    }
    if let value = try number("seed", "an unsigned integer", { UInt64($0) }) { seed = value }
    if let value = text("replayPath"), !value.isEmpty { replayPath = value }
    if let value = try number(
      "replaySpeed", "a speed ≥ 0", { Double($0).flatMap { $0 >= 0 && $0.isFinite ? $0 : nil } })
    {
      replaySpeed = value
    }
    if let value = try number("startingCash", "a positive decimal", { Fixed($0).flatMap { $0.isPositive ? $0 : nil } })
    {
      startingCash = value
    }
    if let value = try number(
      "commissionRate", "a decimal in [0, 0.1)",
      { Fixed($0).flatMap { !$0.isNegative && $0 < Fixed(raw: 10_000_000) ? $0 : nil } })
    {
      commissionRate = value
    }
    if let value = try number(
      "slippageBasisPoints", "a decimal ≥ 0", { Fixed($0).flatMap { $0.isNegative ? nil : $0 } })
    {
      slippageBasisPoints = value
    }
    if let value = try fraction("signalThreshold") { signalThreshold = value }
    if let value = try fraction("riskPerTrade") { riskPerTrade = value }
    if let value = try fraction("maxPositionFraction") { maxPositionFraction = value }
    if let value = try fraction("maxDrawdownFraction") { maxDrawdownFraction = value }
    if let value = try fraction("dailyLossFraction") { dailyLossFraction = value }
    if let value = try number("heartbeatSeconds", "seconds > 0", { Double($0).flatMap { $0 > 0 ? $0 : nil } }) {
      heartbeatSeconds = value
    }
    if let value = try number("statusSeconds", "seconds > 0", { Double($0).flatMap { $0 > 0 ? $0 : nil } }) {
      statusSeconds = value
    }
    if let value = try number("maxRequestBodyBytes", "bytes > 0", { Int($0).flatMap { $0 > 0 ? $0 : nil } }) {
      maxRequestBodyBytes = value
    }
    if let value = text("logLevel") {
      let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
      guard levels.contains(value.lowercased()) else {
        throw InvalidSetting(key: "logLevel", value: value, expected: levels.joined(separator: "|"))
      }
      logLevel = value.lowercased()
    }
    func count(_ key: String, minimum: Int = 1) throws -> Int? {
      try number(key, "an integer ≥ \(minimum)") { Int($0).flatMap { $0 >= minimum ? $0 : nil } }
    }
    func seconds(_ key: String) throws -> Double? {
      try number(key, "seconds ≥ 0") { Double($0).flatMap { $0 >= 0 && $0.isFinite ? $0 : nil } }
    }
    func weight(_ key: String) throws -> Double? {
      try number(key, "a weight in [0, 1]") { Double($0).flatMap { (0...1).contains($0) ? $0 : nil } }
    }
    func portNumber(_ key: String) throws -> Int? {
      try number(key, "a port 0…65535") { Int($0).flatMap { (0...65_535).contains($0) ? $0 : nil } }
    }
    if let value = text("onnxLibrary") { onnxLibrary = value }
    if let value = text("modelDirectory") { modelDirectory = value }
    if let value = text("onnxProviders") {
      do {
        onnxProviders = try ExecutionProvider.list(value)
      } catch {
        throw InvalidSetting(key: "onnxProviders", value: value, expected: "a list of tensorrt, cuda, cpu")
      }
    }
    if let value = try count("onnxThreads", minimum: 0) { onnxThreads = value }
    if let value = try portNumber("onnxPort") { onnxPort = value }
    if let value = try count("batchMaxRows") { batchMaxRows = value }
    if let value = try count("batchMaxWaitMicroseconds", minimum: 0) { batchMaxWaitMicroseconds = value }
    if let value = try count("batchQueueRows") { batchQueueRows = value }
    if let value = try seconds("modelReloadSeconds") { modelReloadSeconds = value }
    if let value = text("mlModel") { mlModel = value.trimmingWhitespace }
    if let value = try count("mlBarSeconds") { mlBarSeconds = value }
    if let value = try weight("technicalWeight") { technicalWeight = value }
    if let value = try weight("mlWeight") { mlWeight = value }
    if let value = try weight("sentimentWeight") { sentimentWeight = value }
    if let value = text("predictorURL"), !value.isEmpty {
      guard value.hasPrefix("http://") || value.hasPrefix("https://") else {
        throw InvalidSetting(key: "predictorURL", value: value, expected: "an http:// or https:// URL")
      }
      predictorURL = value
    }
    if let value = try count("predictorTimeoutMilliseconds") { predictorTimeoutMilliseconds = value }
    if let value = try count("breakerFailures") { breakerFailures = value }
    if let value = try seconds("breakerCooldownSeconds") { breakerCooldownSeconds = value }
    if let value = try count("memoryLimitMB", minimum: 0) { memoryLimitMB = value }
    if let value = text("redisURL"), !value.isEmpty {
      redisURL = try Self.backendURL(value, key: "redisURL", schemes: ["redis"])
    }
    if let value = text("databaseURL"), !value.isEmpty {
      databaseURL = try Self.backendURL(value, key: "databaseURL", schemes: ["postgres", "postgresql"])
    }
    try readSentimentSettings(text: text, port: portNumber, seconds: seconds)
    try readDistributedSettings(text: text, port: portNumber, seconds: seconds)
    if let value = try portNumber("mockBrokerPort") { mockBrokerPort = value }
    if let value = text("brokerURL"), !value.isEmpty {
      brokerURL = try Self.backendURL(value, key: "brokerURL", schemes: ["http", "https"])
    }
    if let value = try count("brokerTimeoutMilliseconds") { brokerTimeoutMilliseconds = value }
    if let value = try number("reconcileSeconds", "seconds > 0", { Double($0).flatMap { $0 > 0 ? $0 : nil } }) {
      reconcileSeconds = value
    }
    if let value = try number(
      "tickConflationMilliseconds", "milliseconds 0…1000", { Int($0).flatMap { (0...1_000).contains($0) ? $0 : nil } })
    {
      tickConflationMilliseconds = value
    }
    if let value = try number(
      "recentSignals", "0 (none) or an integer ≥ \(RecentSignals.smallestCapacity)",
      { Int($0).flatMap { $0 == 0 || $0 >= RecentSignals.smallestCapacity ? $0 : nil } })
    {
      recentSignals = value
    }
  }

  /// The settings of the components as processes of their own.
  private mutating func readDistributedSettings(
    text: (String) -> String?, port: (String) throws -> Int?, seconds: (String) throws -> Double?
  ) throws {
    if let value = try port("patternEnginePort") { patternEnginePort = value }
    if let value = try port("strategyEnginePort") { strategyEnginePort = value }
    if let value = try port("executionPort") { executionPort = value }
    if let value = text("instanceName")?.trimmingWhitespace, !value.isEmpty {
      guard value.allSatisfy({ $0.isLetter || $0.isNumber || "-_.:".contains($0) }) else {
        throw InvalidSetting(key: "instanceName", value: value, expected: "letters, digits, - _ . :")
      }
      instanceName = value
    }
    if let value = text("advertiseURL")?.trimmingWhitespace, !value.isEmpty {
      guard value.hasPrefix("http://") || value.hasPrefix("https://") else {
        throw InvalidSetting(key: "advertiseURL", value: value, expected: "an http:// or https:// URL")
      }
      advertiseURL = value
    }
    if let value = try seconds("reclaimIdleSeconds") {
      guard value > 0 else {
        throw InvalidSetting(
          key: "reclaimIdleSeconds", value: text("reclaimIdleSeconds") ?? "", expected: "seconds > 0")
      }
      reclaimIdleSeconds = value
    }
  }

  /// The FinBERT, sentiment engine and news settings.
  private mutating func readSentimentSettings(
    text: (String) -> String?, port: (String) throws -> Int?, seconds: (String) throws -> Double?
  ) throws {
    func url(_ key: String) throws -> String? {
      guard let value = text(key), !value.isEmpty else { return nil }
      guard value.hasPrefix("http://") || value.hasPrefix("https://") else {
        throw InvalidSetting(key: key, value: value, expected: "an http:// or https:// URL")
      }
      return value
    }
    func positiveSeconds(_ key: String) throws -> Double? {
      guard let value = try seconds(key) else { return nil }
      guard value > 0 else { throw InvalidSetting(key: key, value: String(value), expected: "seconds > 0") }
      return value
    }
    if let value = try port("finbertPort") { finbertPort = value }
    if let value = text("finbertModel") { finbertModel = value.trimmingWhitespace }
    if let value = text("finbertVocabulary") { finbertVocabulary = value.trimmingWhitespace }
    if let value = text("lexiconPath") { lexiconPath = value }
    if let value = try url("finbertURL") { finbertURL = value }
    if let value = try port("sentimentPort") { sentimentPort = value }
    if let value = try url("sentimentURL") { sentimentURL = value }
    if let value = text("newsDirectory") { newsDirectory = value.trimmingWhitespace }
    if let value = try positiveSeconds("newsPollSeconds") { newsPollSeconds = value }
    if let value = text("newsGenerator") {
      guard let flag = Bool(value.trimmingWhitespace.lowercased()) else {
        throw InvalidSetting(key: "newsGenerator", value: value, expected: "true or false")
      }
      newsGenerator = flag
    }
    if let value = try positiveSeconds("newsGeneratorSeconds") { newsGeneratorSeconds = value }
    if let value = text("rssFeeds") {
      rssFeeds = value.split(separator: ",").map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
      for feed in rssFeeds where !(feed.hasPrefix("http://") || feed.hasPrefix("https://")) {
        throw InvalidSetting(key: "rssFeeds", value: feed, expected: "http:// or https:// URLs, comma-separated")
      }
    }
    if let value = text("newsapiKey") { newsapiKey = value.trimmingWhitespace }
    if let value = try url("newsapiURL") { newsapiURL = value }
    if let value = text("alphavantageKey") { alphavantageKey = value.trimmingWhitespace }
    if let value = try url("alphavantageURL") { alphavantageURL = value }
    if let value = try positiveSeconds("providerPollSeconds") { providerPollSeconds = value }
    if let value = try positiveSeconds("sentimentHalfLifeSeconds") { sentimentHalfLifeSeconds = value }
    if let value = try positiveSeconds("sentimentMaxAgeSeconds") { sentimentMaxAgeSeconds = value }
  }

  /// A logger at the configured level.
  public func logger(label: String) -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
    return logger
  }

  /// `"aapl, MSFT"` → `["AAPL", "MSFT"]`; each symbol must pass the tick validator's format.
  public static func parseSymbols(_ text: String) throws -> [String] {
    let symbols = text.split(separator: ",").map { String($0).trimmingWhitespace.uppercased() }.filter { !$0.isEmpty }
    guard !symbols.isEmpty, symbols.allSatisfy(TickValidator.isWellFormed(symbol:)), Set(symbols).count == symbols.count
    else {
      throw InvalidSetting(
        key: "symbols", value: text, expected: "distinct symbols like AAPL,MSFT (A–Z, 0–9, . - / _ :)")
    }
    return symbols
  }
}

extension String {
  var trimmingWhitespace: String {
    var slice = Substring(self)
    while let first = slice.first, first.isWhitespace { slice.removeFirst() }
    while let last = slice.last, last.isWhitespace { slice.removeLast() }
    return String(slice)
  }
}

extension AITraderConfiguration {
  /// The simulated broker's fees and slippage, for the paper broker and the mock MCP broker.
  public var simulatedBroker: SimulatedBroker.Configuration {
    SimulatedBroker.Configuration(
      commission: CommissionModel(rate: commissionRate), slippage: SlippageModel(basisPoints: slippageBasisPoints))
  }
}
