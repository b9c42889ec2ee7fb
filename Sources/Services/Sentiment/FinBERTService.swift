import Logging
import Sentiment
import Synchronization
import TradingCore

/// The FinBERT service (DESIGN.md §2, port 8004): scores texts for sentiment with a BERT
/// sequence classifier in ONNX, or with the Loughran–McDonald lexicon where no model is
/// installed, and refuses texts it cannot score (empty, too long, binary) with a clear reason.
public final class FinBERTService: HealthReporting {
  /// The largest request the service accepts.
  public struct Limits: Sendable, Hashable {
    /// Texts in one request.
    public var maximumTexts: Int
    /// UTF-8 bytes in one text.
    public var maximumTextBytes: Int

    public init(maximumTexts: Int = 256, maximumTextBytes: Int = 16_384) {
      self.maximumTexts = maximumTexts
      self.maximumTextBytes = maximumTextBytes
    }
  }

  /// A request the service refuses, with the reason (a metrics label) and what to fix.
  public struct Refusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// `no_texts`, `too_many_texts`, `empty`, `too_long` or `binary`.
    public var reason: String
    public var detail: String
    public var description: String { detail }
  }

  /// Figures since start.
  public struct Counts: Sendable, Hashable {
    public var requests = 0
    public var textsScored = 0
    public var failures = 0
    /// Requests refused, by reason.
    public var refused: [String: Int] = [:]
    public var lastFailure: String?
  }

  public let componentKey = "finbert"
  /// The scorer in use, or nil when neither the model nor the lexicon could be loaded.
  public let scorer: (any SentimentScorer)?
  /// Why the FinBERT model is not the scorer (not configured, failed to load), when it is not.
  public let fallbackReason: String?
  public let limits: Limits
  private let counts = Mutex(Counts())
  private let metrics: AITraderMetrics?

  public init(
    scorer: (any SentimentScorer)?, fallbackReason: String? = nil, limits: Limits = Limits(),
    metrics: AITraderMetrics? = nil
  ) {
    self.scorer = scorer
    self.fallbackReason = fallbackReason
    self.limits = limits
    self.metrics = metrics
  }

  /// The scores of `texts`, in order; every text is checked before any is scored.
  public func analyze(_ texts: [String]) async throws -> [SentimentScores] {
    counts.withLock { $0.requests += 1 }
    if let refusal = refusal(of: texts) {
      counts.withLock { $0.refused[refusal.reason, default: 0] += 1 }
      metrics?.recordTextRefused(reason: refusal.reason)
      throw refusal
    }
    guard let scorer else { throw FinBERTUnavailable(reason: fallbackReason ?? "no scorer") }
    do {
      let scores = try await scorer.score(texts)
      counts.withLock { $0.textsScored += texts.count }
      metrics?.recordTextsScored(texts.count)
      return scores
    } catch {
      counts.withLock {
        $0.failures += 1
        $0.lastFailure = "\(error)"
      }
      throw error
    }
  }

  /// Why `texts` cannot be scored as a request, or nil.
  func refusal(of texts: [String]) -> Refusal? {
    if texts.isEmpty { return Refusal(reason: "no_texts", detail: "texts must hold at least one text") }
    if texts.count > limits.maximumTexts {
      return Refusal(
        reason: "too_many_texts", detail: "at most \(limits.maximumTexts) texts per request, got \(texts.count)")
    }
    for (index, text) in texts.enumerated() {
      if let problem = TextProblem.of(text, maximumBytes: limits.maximumTextBytes) {
        let limit = problem == .tooLong ? " (\(text.utf8.count) bytes; limit \(limits.maximumTextBytes))" : ""
        return Refusal(reason: problem.rawValue, detail: "texts[\(index)]: \(problem)\(limit)")
      }
    }
    return nil
  }

  /// What has been scored and refused so far.
  public var figures: Counts { counts.withLock { $0 } }

  public func health() async -> ComponentHealth {
    let figures = self.figures
    var details: [String: JSONValue] = [
      "scorer": .string(scorer?.name ?? "none"),
      "requests": .number(Double(figures.requests)),
      "texts_scored": .number(Double(figures.textsScored)),
      "failures": .number(Double(figures.failures)),
      "refused": .object(figures.refused.mapValues { .number(Double($0)) }),
      "max_texts": .number(Double(limits.maximumTexts)),
      "max_text_bytes": .number(Double(limits.maximumTextBytes)),
    ]
    if let fallbackReason { details["model"] = .string("not loaded: \(fallbackReason)") }
    if let lastFailure = figures.lastFailure { details["last_failure"] = .string(lastFailure) }
    guard scorer != nil else {
      return ComponentHealth(
        name: "FinBERT", status: .error, running: false, version: AITraderVersion.current, details: details)
    }
    return ComponentHealth(
      name: "FinBERT", status: .ok, running: true, version: AITraderVersion.current, details: details)
  }
}

/// The FinBERT service has no scorer: neither the model nor the lexicon loaded.
public struct FinBERTUnavailable: Error, Sendable, Hashable, CustomStringConvertible {
  public var reason: String
  public var description: String { "no sentiment scorer is loaded: \(reason)" }
}
