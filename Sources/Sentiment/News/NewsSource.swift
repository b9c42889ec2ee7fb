import TradingCore

/// Somewhere news comes from: a JSONL file or folder, an RSS/Atom feed, NewsAPI, Alpha Vantage.
/// The sentiment engine polls each source it is given and never depends on which one it is.
public protocol NewsSource: Sendable {
  /// A short name for health, logs and metrics (`jsonl`, `rss`, `newsapi`, `alphavantage`).
  var name: String { get }
  /// Items about any of `symbols` published at or after `since`. Items the source cannot read
  /// are left out and counted in the answer's `skipped`; a failure of the whole request
  /// (unreachable, refused, rate-limited, unreadable answer) throws a `NewsSourceError`.
  func fetch(symbols: [String], since: Timestamp) async throws(NewsSourceError) -> NewsFetch
}

/// What one fetch of a news source gave.
public struct NewsFetch: Sendable, Hashable {
  /// The items read, in the source's order.
  public var items: [NewsItem]
  /// Items left out, by reason (`missing_title`, `bad_timestamp`, `malformed_json`, …).
  public var skipped: [String: Int]

  public init(items: [NewsItem] = [], skipped: [String: Int] = [:]) {
    self.items = items
    self.skipped = skipped
  }

  /// Counts one item left out for `reason`.
  public mutating func skip(_ reason: String) { skipped[reason, default: 0] += 1 }
}

/// Why a fetch of a news source failed as a whole.
public enum NewsSourceError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The provider asked us to slow down; `retryAfter` when it said for how long.
  case rateLimited(source: String, message: String, retryAfter: Duration?)
  /// The API key was missing, invalid or not allowed this request.
  case unauthorized(source: String, message: String)
  /// The provider answered with an error of its own (code and message as it gave them).
  case provider(source: String, code: String, message: String)
  /// The answer could not be read (not JSON, not XML, not the documented shape).
  case malformed(source: String, detail: String)
  /// The request did not complete: connection refused, timeout, file unreadable.
  case unavailable(source: String, detail: String)

  /// The source the error came from.
  public var source: String {
    switch self {
    case .rateLimited(let source, _, _), .unauthorized(let source, _), .provider(let source, _, _),
      .malformed(let source, _), .unavailable(let source, _):
      source
    }
  }

  /// A short label for metrics: `rate_limited`, `unauthorized`, `provider`, `malformed`, `unavailable`.
  public var kind: String {
    switch self {
    case .rateLimited: "rate_limited"
    case .unauthorized: "unauthorized"
    case .provider: "provider"
    case .malformed: "malformed"
    case .unavailable: "unavailable"
    }
  }

  public var description: String {
    switch self {
    case .rateLimited(let source, let message, let retryAfter):
      "\(source): rate limited\(retryAfter.map { " (retry after \($0))" } ?? ""): \(message)"
    case .unauthorized(let source, let message): "\(source): unauthorized: \(message)"
    case .provider(let source, let code, let message): "\(source): provider error \(code): \(message)"
    case .malformed(let source, let detail): "\(source): malformed answer: \(detail)"
    case .unavailable(let source, let detail): "\(source): unavailable: \(detail)"
    }
  }
}
