import Broker
import Synchronization
import TradingCore

/// Where the strategy reads a symbol's sentiment: the engine in this process, or the sentiment
/// engine's HTTP API.
public protocol SentimentReading: Sendable {
  /// The sentiment of `symbol` now.
  func sentiment(for symbol: String) async throws -> SentimentView
}

/// The sentiment factor: the news sentiment of the signal's symbol, as `score × confidence` in
/// [-1, 1], so that thin or conflicting news moves the decision less than strong agreement.
/// A symbol without news gives no view (nil), and `CombinedAlpha` renormalises over the
/// factors that answered.
///
/// Sentiment moves with the news, minutes apart, while signals come many a second: an answer is
/// kept per symbol and reused for `freshness`. After that it is still used, while a reading in
/// the background takes its place, until it is `staleLimit` old; only a symbol with no answer
/// that young waits for a reading. Calls go through a circuit breaker and a time limit, as the
/// ML factor's do, so a sentiment outage degrades trading and never stops it.
public final class SentimentForecaster: Forecaster {
  public let factor = "sentiment"
  public let reader: any SentimentReading
  public let breaker: CircuitBreaker
  /// The longest a reading may take before the factor is left out.
  public let timeLimit: Duration
  /// How long an answer is reused for its symbol before it is read again.
  public let freshness: Duration
  /// How old an answer may be and still be used while a new reading is under way.
  public let staleLimit: Duration
  /// Where the readings come from, for health (`in-process` or the engine's URL).
  public let origin: String
  private let outcomes = ForecastCounters()

  /// A symbol's newest reading, and whether another is under way.
  private struct Kept {
    var at: ContinuousClock.Instant
    var view: SentimentView
    var refreshing = false
  }
  private let recent = Mutex([String: Kept]())

  /// `staleLimit` defaults to five times `freshness`.
  public init(
    reader: any SentimentReading, origin: String, breaker: CircuitBreaker = CircuitBreaker(),
    timeLimit: Duration = .milliseconds(100), freshness: Duration = .seconds(1), staleLimit: Duration? = nil
  ) {
    self.reader = reader
    self.origin = origin
    self.breaker = breaker
    self.timeLimit = timeLimit
    self.freshness = freshness
    self.staleLimit = max(freshness, staleLimit ?? freshness * 5)
  }

  public nonisolated(nonsending) func forecast(for signal: Signal) async -> Double? {
    guard let view = await reading(for: signal.symbol) else { return nil }
    guard view.items > 0 else {
      outcomes.record(.withoutInput)
      return nil
    }
    outcomes.record(.answered)
    return min(1, max(-1, view.score * view.confidence))
  }

  /// The symbol's sentiment: the kept answer while it is fresh, or while it is under
  /// `staleLimit` old (a new reading then starts in the background, one at a time); else a
  /// reading now. Nil on failure or timeout.
  private nonisolated(nonsending) func reading(for symbol: String) async -> SentimentView? {
    let now = ContinuousClock.now
    let (kept, refresh) = recent.withLock { recent -> (SentimentView?, Bool) in
      guard let kept = recent[symbol], now - kept.at < staleLimit else { return (nil, false) }
      let due = now - kept.at >= freshness && !kept.refreshing
      if due { recent[symbol]!.refreshing = true }
      return (kept.view, due)
    }
    if refresh {
      Task {
        if await self.read(symbol) == nil { self.recent.withLock { $0[symbol]?.refreshing = false } }
      }
    }
    if let kept { return kept }
    return await read(symbol)
  }

  /// Reads the symbol's sentiment through the breaker and within the time limit, and keeps it.
  private func read(_ symbol: String) async -> SentimentView? {
    guard breaker.allowsCall() else {
      outcomes.record(.refused)
      return nil
    }
    let reader = reader
    let answer = await firstAnswer(
      within: timeLimit, otherwise: .failure(TimeLimitExceeded(limit: timeLimit))
    ) { () async -> Result<SentimentView, any Error> in
      do {
        return .success(try await reader.sentiment(for: symbol))
      } catch {
        return .failure(error)
      }
    }
    switch answer {
    case .success(let view):
      breaker.recordSuccess()
      recent.withLock { $0[symbol] = Kept(at: .now, view: view) }
      return view
    case .failure(let error):
      breaker.recordFailure()
      outcomes.record(.failed("\(error)"))
      return nil
    }
  }

  /// Readings answered, failed, refused by the open breaker, and symbols without news (`withoutInput`).
  public var counts: ForecastCounters.Counts { outcomes.counts }
}

/// The engine in this process as the strategy's sentiment reader.
public struct LocalSentimentReader: SentimentReading {
  public let engine: SentimentEngine

  public init(engine: SentimentEngine) { self.engine = engine }

  public func sentiment(for symbol: String) async throws -> SentimentView {
    SentimentView(await engine.sentiment(for: symbol))
  }
}
