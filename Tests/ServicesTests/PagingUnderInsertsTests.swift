import Foundation
import Hummingbird
import HummingbirdTesting
import Persistence
import Services
import Synchronization
import Testing
import TradingCore

/// Paging `/api/signals` through the HTTP API while another task keeps storing newer signals:
/// the cursor is a keyset position, so every signal stored before paging began comes back
/// exactly once, in order, none skipped. The same holds when the newest signals are listed from
/// memory (`RecentSignals`, which holds fewer than are stored here, so paging crosses from the
/// cache to the store).
@Suite struct PagingUnderInsertsTests {
  static let existingCount = 150

  @Test(arguments: ["/api/signals?limit=7", "/api/signals?limit=7&symbol=aapl&min_score=0.3"], [false, true])
  func everyExistingSignalOnceWhileNewerOnesArrive(listing: String, cached: Bool) async throws {
    let existing = (0..<Self.existingCount).map { index in
      TradingFixtures.signal(
        index, symbol: index.isMultiple(of: 4) ? "MSFT" : "AAPL", score: index.isMultiple(of: 2) ? 0.6 : -0.4)
    }
    let matches: @Sendable (SignalBody) -> Bool
    let expected: [String]
    if listing.contains("symbol") {
      matches = { $0.symbol == "AAPL" && abs($0.score) >= 0.3 }
      expected = existing.filter { $0.symbol == "AAPL" }.sorted { $0.id > $1.id }.map(\.id.description)
    } else {
      matches = { _ in true }
      expected = existing.sorted { $0.id > $1.id }.map(\.id.description)
    }
    try await withInMemoryStore { store in
      try await store.insert(contentsOf: existing)
      let recentSignals = cached ? RecentSignals(capacity: 120) : nil
      try await recentSignals?.warm(from: store)
      let progress = InsertProgress()
      // Newer signals, one at a time, in the symbols and scores the listing asks for.
      let inserter = Task {
        var index = Self.existingCount
        while !progress.stop.load(ordering: .acquiring) {
          let signal = TradingFixtures.signal(
            index, symbol: index.isMultiple(of: 4) ? "MSFT" : "AAPL", score: index.isMultiple(of: 2) ? 0.9 : -0.35)
          try await store.insert(signal)
          recentSignals?.record(signal)
          progress.inserted.add(1, ordering: .releasing)
          index += 1
          await Task.yield()
        }
      }
      defer { progress.stop.store(true, ordering: .releasing) }

      try await tradingApp(store: store, recentSignals: recentSignals).test(.router) { client in
        var seen: [String] = []
        var cursor: String?
        var pages = 0
        repeat {
          // Make sure at least one newer signal was stored since the previous page was read.
          let before = progress.inserted.load(ordering: .acquiring)
          let moved = await eventually { progress.inserted.load(ordering: .acquiring) > before }
          #expect(moved, "the inserter stopped inserting")
          let uri = cursor.map { "\(listing)&cursor=\($0)" } ?? listing
          let answer = try await client.get(uri)
          #expect(answer.status == 200, "\(uri): \(answer.body)")
          let page = try answer.decoded(PageBody<SignalBody>.self)
          #expect(page.items.allSatisfy(matches), "\(uri)")
          seen += page.items.map(\.id)
          cursor = page.nextCursor
          pages += 1
        } while cursor != nil && pages < 1_000

        #expect(cursor == nil, "paging did not end")
        #expect(Set(seen).count == seen.count, "a signal came back twice")
        #expect(seen == seen.sorted(by: >), "pages are not newest first throughout")
        let existingIDs = Set(expected)
        let existingSeen = seen.filter(existingIDs.contains)
        #expect(existingSeen == expected, "stored signals skipped, repeated or out of order")
        #expect(pages >= expected.count / 7)
      }
      progress.stop.store(true, ordering: .releasing)
      try await inserter.value
      #expect(progress.inserted.load(ordering: .acquiring) > expected.count / 7)
    }
  }
}

/// What the inserting task shares with the paging one.
final class InsertProgress: Sendable {
  /// Signals stored so far.
  let inserted = Atomic(0)
  /// Set to end the inserting task.
  let stop = Atomic(false)
}
