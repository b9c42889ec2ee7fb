import Logging
import Messaging
import Sentiment
import TradingCore

/// The sentiment engine (DESIGN.md §2, port 8002): polls its news sources, drops duplicates,
/// scores each new item once, and answers one sentiment per symbol — every item weighed by its
/// authenticity and an exponential time decay (`SentimentAggregator`).
///
/// Nothing accepted is lost: an item whose scoring fails stays queued and is scored on the next
/// refresh. A source that fails is counted and shown in health; a rate-limited one is left alone
/// until the provider's `Retry-After` (or its own interval) has passed. Updates go out on
/// `sentiment:updates` for each symbol whose news changed.
public actor SentimentEngine {
  /// What the engine watches and how it weighs.
  public struct Configuration: Sendable, Hashable {
    /// The symbols whose news is kept.
    public var symbols: [String]
    /// Half-life of an item's weight.
    public var halfLife: Duration
    /// Items older than this no longer count and are forgotten.
    public var maxAge: Duration
    /// Newest items kept per symbol.
    public var maxItemsPerSymbol: Int
    /// Longest text scored, in UTF-8 bytes; longer items are skipped.
    public var maxTextBytes: Int
    /// Texts per scoring request.
    public var scoringBatch: Int
    /// Items waiting to be scored at most; beyond it the oldest are dropped and counted.
    public var maxQueued: Int

    public init(
      symbols: [String], halfLife: Duration = .seconds(6 * 3600), maxAge: Duration = .seconds(72 * 3600),
      maxItemsPerSymbol: Int = 500, maxTextBytes: Int = 16_384, scoringBatch: Int = 32, maxQueued: Int = 10_000
    ) {
      self.symbols = symbols
      self.halfLife = halfLife
      self.maxAge = maxAge
      self.maxItemsPerSymbol = maxItemsPerSymbol
      self.maxTextBytes = maxTextBytes
      self.scoringBatch = scoringBatch
      self.maxQueued = maxQueued
    }
  }

  /// A news source and how often it is asked.
  public struct ScheduledSource: Sendable {
    public var source: any NewsSource
    public var interval: Duration

    public init(_ source: any NewsSource, every interval: Duration) {
      self.source = source
      self.interval = interval
    }
  }

  /// One source's record since start.
  public struct SourceRecord: Sendable, Hashable {
    public var fetches = 0
    public var failures = 0
    public var items = 0
    public var lastSuccess: Timestamp?
    public var lastError: String?
    /// Whether the latest fetch failed.
    public var failing = false
    /// Not asked again before this (its interval, or a provider's `Retry-After`).
    public var nextDue: Timestamp?
    /// Items left out, by reason (the source's own and the engine's checks).
    public var skipped: [String: Int] = [:]
  }

  /// A scored item kept for a symbol.
  struct KeptItem: Sendable {
    var key: String
    var item: NewsItem
    var scores: SentimentScores
  }

  public nonisolated let configuration: Configuration
  let sources: [ScheduledSource]
  let scorer: any SentimentScorer
  let bus: (any EventBus)?
  let metrics: AITraderMetrics?
  let now: @Sendable () -> Timestamp
  let logger: Logger
  let aggregator: SentimentAggregator
  let authenticity: AuthenticityScorer
  private let watched: Set<String>

  var deduplicator = NewsDeduplicator()
  var records: [String: SourceRecord] = [:]
  var kept: [String: [KeptItem]] = [:]
  /// How many other publishers carried each story, by dedup key.
  var corroborations: [String: Int] = [:]
  var queue: [(key: String, item: NewsItem)] = []
  var scored = 0
  var scoringFailures = 0
  var dropped = 0
  var lastScoringError: String?
  var lastRefresh: Timestamp?
  private var cache: [String: (at: Timestamp, sentiment: SymbolSentiment)] = [:]

  public init(
    configuration: Configuration, sources: [ScheduledSource], scorer: any SentimentScorer,
    bus: (any EventBus)? = nil, metrics: AITraderMetrics? = nil,
    now: @escaping @Sendable () -> Timestamp = WallClock.now, logger: Logger = Logger(label: "aitrader.sentiment")
  ) {
    self.configuration = configuration
    self.sources = sources
    self.scorer = scorer
    self.bus = bus
    self.metrics = metrics
    self.now = now
    self.logger = logger
    aggregator = SentimentAggregator(halfLife: configuration.halfLife, maxAge: configuration.maxAge)
    authenticity = AuthenticityScorer(maxAge: configuration.maxAge)
    watched = Set(configuration.symbols)
    for scheduled in sources { records[scheduled.source.name] = SourceRecord() }
  }

  /// Asks every source that is due, scores what is new, and publishes the symbols that changed.
  public func refresh() async {
    let started = now()
    let due = sources.filter { records[$0.source.name]?.nextDue.map { $0 <= started } ?? true }
    let symbols = configuration.symbols
    let since = started.moved(by: .zero - configuration.maxAge)
    // Each answer comes back under its source's name and is matched by name, in the order of
    // `due`: no position crosses the task boundary.
    let answers = await withTaskGroup(of: (String, Result<NewsFetch, NewsSourceError>).self) { group in
      for scheduled in due {
        let source = scheduled.source
        group.addTask { (source.name, await Self.fetch(from: source, symbols: symbols, since: since)) }
      }
      var answers: [String: Result<NewsFetch, NewsSourceError>] = [:]
      for await (name, result) in group { answers[name] = result }
      return answers
    }
    for scheduled in due {
      guard let result = answers[scheduled.source.name] else { continue }
      record(result, from: scheduled, at: started)
    }
    let changed = await scoreQueue()
    lastRefresh = started
    forget(before: since)
    await publish(changed)
  }

  /// One source's fetch as a `Result`.
  private static func fetch(
    from source: any NewsSource, symbols: [String], since: Timestamp
  ) async -> Result<NewsFetch, NewsSourceError> {
    do throws(NewsSourceError) {
      return .success(try await source.fetch(symbols: symbols, since: since))
    } catch {
      return .failure(error)
    }
  }

  /// The sentiment of `symbol` now: decayed, authenticity-weighted, over the items kept.
  public func sentiment(for symbol: String) -> SymbolSentiment {
    let at = now()
    if let cached = cache[symbol], cached.at == at { return cached.sentiment }
    let items = (kept[symbol] ?? []).map { kept in
      ScoredNewsItem(
        item: kept.item, scores: kept.scores,
        authenticity: authenticity.assess(kept.item, corroborations: corroborations[kept.key] ?? 0, now: at))
    }
    let sentiment = aggregator.aggregate(symbol: symbol, items: items, now: at)
    cache[symbol] = (at, sentiment)
    return sentiment
  }

  /// Whether the engine keeps news for `symbol`.
  public nonisolated func watches(_ symbol: String) -> Bool { watched.contains(symbol) }

  /// Takes one source's answer in: failures recorded (and the source rested when rate-limited),
  /// items checked, de-duplicated and queued for scoring.
  private func record(_ result: Result<NewsFetch, NewsSourceError>, from scheduled: ScheduledSource, at: Timestamp) {
    let name = scheduled.source.name
    var record = records[name] ?? SourceRecord()
    record.fetches += 1
    record.nextDue = at.moved(by: scheduled.interval)
    switch result {
    case .failure(let error):
      record.failures += 1
      record.failing = true
      record.lastError = error.description
      if case .rateLimited(_, _, let retryAfter?) = error, retryAfter > scheduled.interval {
        record.nextDue = at.moved(by: retryAfter)
      }
      metrics?.recordNewsSourceError(source: name, kind: error.kind)
      logger.warning("news source failed: \(error)")
    case .success(let fetch):
      record.lastSuccess = at
      record.failing = false
      for (reason, count) in fetch.skipped {
        record.skipped[reason, default: 0] += count
        metrics?.recordNewsItems(source: name, outcome: reason, count: count)
      }
      for item in fetch.items { admit(item, source: name, record: &record) }
    }
    records[name] = record
  }

  private func admit(_ item: NewsItem, source: String, record: inout SourceRecord) {
    var item = item
    item.symbols = item.symbols.filter(watched.contains)
    if item.symbols.isEmpty { return }
    if let problem = TextProblem.of(item.text, maximumBytes: configuration.maxTextBytes) {
      record.skipped[problem.rawValue, default: 0] += 1
      metrics?.recordNewsItems(source: source, outcome: problem.rawValue)
      return
    }
    switch deduplicator.admit(item) {
    case .new(let key):
      record.items += 1
      metrics?.recordNewsItems(source: source, outcome: "new")
      queue.append((key, item))
      if queue.count > configuration.maxQueued {
        queue.removeFirst(queue.count - configuration.maxQueued)
        dropped += 1
      }
    case .duplicate(let key, let crossSource):
      metrics?.recordNewsItems(source: source, outcome: "duplicate")
      if crossSource { corroborations[key, default: 0] += 1 }
    }
  }

  /// Scores the queue in batches; a failed batch stays queued for the next refresh. Returns
  /// the symbols that got new items.
  private func scoreQueue() async -> Set<String> {
    var changed = Set<String>()
    while !queue.isEmpty {
      let batch = Array(queue.prefix(configuration.scoringBatch))
      let scores: [SentimentScores]
      do {
        scores = try await scorer.score(batch.map(\.item.text))
      } catch {
        scoringFailures += 1
        lastScoringError = "\(error)"
        logger.warning("sentiment scoring failed, \(queue.count) items kept for the next refresh: \(error)")
        break
      }
      queue.removeFirst(batch.count)
      scored += batch.count
      for ((key, item), scores) in zip(batch, scores) {
        for symbol in item.symbols {
          kept[symbol, default: []].append(KeptItem(key: key, item: item, scores: scores))
          changed.insert(symbol)
        }
      }
    }
    for symbol in changed {
      if var items = kept[symbol], items.count > configuration.maxItemsPerSymbol {
        items.sort { $0.item.publishedAt < $1.item.publishedAt }
        kept[symbol] = Array(items.suffix(configuration.maxItemsPerSymbol))
      }
    }
    cache.removeAll()
    return changed
  }

  /// Forgets items published before `cutoff`.
  private func forget(before cutoff: Timestamp) {
    for (symbol, items) in kept {
      let fresh = items.filter { $0.item.publishedAt >= cutoff }
      if fresh.count != items.count {
        kept[symbol] = fresh
        cache[symbol] = nil
      }
    }
  }

  /// Sends each changed symbol's sentiment on `sentiment:updates`.
  private func publish(_ symbols: Set<String>) async {
    guard let bus else { return }
    for symbol in symbols.sorted() {
      do {
        let envelope = try BusEnvelope(type: "sentiment", encoding: SentimentView(sentiment(for: symbol)))
        _ = try await bus.publish(to: .sentimentUpdates, fields: envelope.busFields)
      } catch {
        logger.warning("could not publish the sentiment of \(symbol): \(error)")
      }
    }
  }
}

extension Timestamp {
  /// This moment moved by `duration` (negative moves back).
  func moved(by duration: Duration) -> Timestamp {
    adding(nanoseconds: Int64((duration / .nanoseconds(1)).rounded()))
  }
}
