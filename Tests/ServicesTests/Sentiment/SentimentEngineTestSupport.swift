import Sentiment
import Services
import Synchronization
import TradingCore

/// A news source that answers what the test scripts, and counts its fetches.
final class ScriptedNewsSource: NewsSource {
  let name: String
  private let state = Mutex<(answers: [Result<NewsFetch, NewsSourceError>], fetches: Int)>(([], 0))

  init(name: String) { self.name = name }

  /// Queues the next answer; with none queued a fetch gives no items.
  func enqueue(_ answer: Result<NewsFetch, NewsSourceError>) { state.withLock { $0.answers.append(answer) } }

  var fetches: Int { state.withLock { $0.fetches } }

  func fetch(symbols: [String], since: Timestamp) async throws(NewsSourceError) -> NewsFetch {
    let answer = state.withLock { state -> Result<NewsFetch, NewsSourceError> in
      state.fetches += 1
      return state.answers.isEmpty ? .success(NewsFetch()) : state.answers.removeFirst()
    }
    return try answer.get()
  }
}

/// A scorer that can be made to fail, over the lexicon.
final class SwitchableScorer: SentimentScorer {
  struct Down: Error, CustomStringConvertible {
    var description: String { "scorer down" }
  }
  let name = "switchable"
  let lexicon: LexiconScorer
  private let failing = Mutex(false)
  private let calls = Mutex(0)

  init(lexicon: LexiconScorer) { self.lexicon = lexicon }

  func fail(_ flag: Bool) { failing.withLock { $0 = flag } }
  var callCount: Int { calls.withLock { $0 } }

  func score(_ texts: [String]) async throws -> [SentimentScores] {
    calls.withLock { $0 += 1 }
    if failing.withLock({ $0 }) { throw Down() }
    return try await lexicon.score(texts)
  }
}

/// A clock the test moves.
final class TestClock: Sendable {
  private let current: Mutex<Timestamp>
  init(_ start: Timestamp) { current = Mutex(start) }
  var now: Timestamp { current.withLock { $0 } }
  func advance(seconds: Int64) { current.withLock { $0 = $0.adding(seconds: seconds) } }
}

enum NewsFixtures {
  static let start = Timestamp(secondsSinceEpoch: 1_795_000_000)
  static let lexicon = LexiconScorer(
    lexicon: FinancialLexicon(positive: ["gain", "strong", "record"], negative: ["loss", "weak", "lawsuit"]))

  static func item(
    _ title: String, symbols: [String] = ["AAPL"], publisher: String = "Reuters", url: String? = nil,
    at: Timestamp = start, provider: String = "test"
  ) -> NewsItem {
    NewsItem(
      title: title,
      url: url ?? "https://news.example/\(title.lowercased().split(separator: " ").joined(separator: "-"))",
      publisher: publisher, provider: provider, publishedAt: at, symbols: symbols)
  }
}
