import Foundation
import Hummingbird
import HummingbirdTesting
import Persistence
import Services
import Testing
import TradingCore

/// `RecentSignals` answers a page of `/api/signals` only when it holds all of it, and then
/// exactly as the store does: the store's own listing (SQLite) is the truth every cached page is
/// compared with, item for item and cursor for cursor.
@Suite struct RecentSignalsTests {
  /// 400 signals over three symbols with scores of both signs and several sizes.
  static let signals: [Signal] = (0..<400).map { index in
    let symbols = ["AAPL", "MSFT", "BTC-USD"]
    let score = Double((index * 37) % 21 - 10) / 10
    return TradingFixtures.signal(index, symbol: symbols[index % 3], score: score)
  }

  static let listings = [
    "/api/signals?limit=1", "/api/signals?limit=7", "/api/signals?limit=50", "/api/signals?limit=100",
    "/api/signals?limit=9&symbol=MSFT", "/api/signals?limit=5&min_score=0.6",
    "/api/signals?limit=3&symbol=BTC-USD&min_score=0.95",
  ]

  @Test func aCachedPageIsTheStoresPageAndDeepPagesAreLeftToTheStore() async throws {
    try await withInMemoryStore { store in
      let cache = RecentSignals(capacity: 150)
      try await cache.warm(from: store)
      // Stored and recorded one by one, as the pipeline does; every tenth a little late, so
      // that some arrive older than the newest held.
      var late: Signal?
      for (index, signal) in Self.signals.enumerated() {
        if index.isMultiple(of: 10) {
          late = signal
          continue
        }
        for arriving in [signal] + (late.map { [$0] } ?? []) {
          try await store.insert(arriving)
          cache.record(arriving)
        }
        late = nil
      }
      #expect(cache.count == 150)

      let (answered, declined) = try await tradingApp(store: store).test(.router) { client in
        var answered = 0
        var declined = 0
        for listing in Self.listings {
          var cursor: String?
          var pages = 0
          repeat {
            let uri = cursor.map { "\(listing)&cursor=\($0)" } ?? listing
            let truth = try await client.get(uri)
            #expect(truth.status == 200, "\(uri): \(truth.body)")
            let expected = try truth.decoded(PageBody<SignalBody>.self)
            if let body = try cache.page(Self.query(uri)) {
              let cached = try HTTPAnswer(status: 200, body: String(buffer: body)).decoded(PageBody<SignalBody>.self)
              #expect(cached.items == expected.items, "\(uri)")
              #expect(cached.nextCursor == expected.nextCursor, "\(uri)")
              answered += 1
              // Only the 150 newest are held: a cached page ends at or above the 150th newest.
              let oldestHeld = Self.signals.map(\.id).sorted(by: >)[149].description
              #expect(cached.items.allSatisfy { $0.id >= oldestHeld }, "\(uri)")
            } else {
              declined += 1
            }
            cursor = expected.nextCursor
            pages += 1
          } while cursor != nil && pages < 500
          #expect(cursor == nil, "\(listing) did not end")
        }
        // The first page of every listing lies among the newest 150.
        for listing in Self.listings {
          #expect(try cache.page(Self.query(listing)) != nil, "\(listing)")
        }
        return (answered, declined)
      }
      #expect(answered >= Self.listings.count)
      #expect(declined > 0, "every listing reaches below the 150 newest")
    }
  }

  @Test func aCacheHoldingEveryStoredSignalAnswersEveryPageToTheEnd() async throws {
    try await withInMemoryStore { store in
      try await store.insert(contentsOf: Array(Self.signals.prefix(120)))
      let cache = RecentSignals(capacity: 150)
      try await cache.warm(from: store)
      #expect(cache.count == 120)
      try await tradingApp(store: store).test(.router) { client in
        for listing in Self.listings {
          var cursor: String?
          var collected: [SignalBody] = []
          repeat {
            let uri = cursor.map { "\(listing)&cursor=\($0)" } ?? listing
            let truth = try await client.get(uri).decoded(PageBody<SignalBody>.self)
            let body = try #require(try cache.page(Self.query(uri)), "\(uri)")
            let cached = try HTTPAnswer(status: 200, body: String(buffer: body)).decoded(PageBody<SignalBody>.self)
            #expect(cached.items == truth.items && cached.nextCursor == truth.nextCursor, "\(uri)")
            collected += cached.items
            cursor = cached.nextCursor
          } while cursor != nil
          // Hand-counted truth: every stored signal the listing's filters let through, newest first.
          let query = try Self.query(listing)
          let expected = Self.signals.prefix(120).filter { signal in
            (query.symbol.map { $0 == signal.symbol } ?? true)
              && (query.minimumScore.map { abs(signal.score) >= $0 } ?? true)
          }.sorted { $0.id > $1.id }.map(\.id.description)
          #expect(collected.map(\.id) == expected, "\(listing)")
        }
      }
    }
  }

  @Test func aWarmCacheOfAStoreHoldingMoreLeavesTheOlderPagesToTheStore() async throws {
    try await withInMemoryStore { store in
      try await store.insert(contentsOf: Self.signals)
      let cache = RecentSignals(capacity: 150)
      try await cache.warm(from: store)
      #expect(cache.count == 150)
      let first = try #require(try cache.page(SignalQuery(limit: 100)))
      let page = try HTTPAnswer(status: 200, body: String(buffer: first)).decoded(PageBody<SignalBody>.self)
      #expect(page.items.map(\.id) == Self.signals.suffix(100).reversed().map(\.id.description))
      // 100 more would reach below the 150 held.
      #expect(try cache.page(SignalQuery(limit: 100, cursor: page.nextCursor)) == nil)
      // An older signal arriving now is below what is held: the store alone lists it.
      let older = Signal(
        id: TradingFixtures.signalID(500, at: TradingFixtures.start.adding(seconds: -100)), symbol: "AAPL",
        score: 0.9, timestamp: TradingFixtures.start.adding(seconds: -100), source: "pattern_engine", meta: [:])
      cache.record(older)
      #expect(cache.count == 150)
      // One already held, recorded again (a retried store write), is held once.
      cache.record(Self.signals[399])
      #expect(cache.count == 150)
    }
  }

  @Test func aCursorOfAnotherListingOrNoneAtAllIsRefused() async throws {
    let cache = RecentSignals(capacity: 150)
    #expect(throws: StoreError.invalidCursor("garbage")) { try cache.page(SignalQuery(limit: 5, cursor: "garbage")) }
    // "o|1|x": an orders cursor.
    let ordersCursor = Data("o|1|x".utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
    #expect(throws: StoreError.invalidCursor(ordersCursor)) {
      try cache.page(SignalQuery(limit: 5, cursor: ordersCursor))
    }
    #expect(throws: StoreError.self) {
      try cache.page(SignalQuery(limit: 5, cursor: SignalQuery.cursor(after: Self.signals[0].id) + "!"))
    }
  }

  /// The store query that `uri`'s parameters ask for.
  static func query(_ uri: String) throws -> SignalQuery {
    let items = URLComponents(string: uri)?.queryItems ?? []
    func value(_ name: String) -> String? { items.first { $0.name == name }?.value }
    return SignalQuery(
      limit: Int(value("limit") ?? "50") ?? 50, cursor: value("cursor"), symbol: value("symbol"),
      minimumScore: value("min_score").flatMap(Double.init))
  }
}
