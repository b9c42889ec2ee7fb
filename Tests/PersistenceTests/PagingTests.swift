import Foundation
import Persistence
import Testing
import TradingCore

@Suite("Paging")
struct PagingTests {
  @Test("signals page newest first by id, filtered by symbol and |score|", arguments: StoreBackend.all)
  func signalsNewestFirst(backend: StoreBackend) async throws {
    try await withStore(backend) { store async throws in
      let signals = Fixtures.signals(count: 60)
      try await store.insert(contentsOf: signals.shuffled())
      let newestFirst = signals.sorted { $0.id > $1.id }
      for symbol in [nil, "GOOG"] {
        for minimumScore in [nil, 0.5] {
          for limit in [1, 7, 20, 100] {
            let pages = try await Fixtures.allPages {
              try await store.signals(
                SignalQuery(limit: limit, cursor: $0, symbol: symbol, minimumScore: minimumScore))
            }
            let expected = newestFirst.filter {
              (symbol == nil || $0.symbol == symbol) && abs($0.score) >= (minimumScore ?? 0)
            }
            #expect(pages.flatMap(\.items) == expected)
            #expect(pages.dropLast().allSatisfy { $0.items.count == limit && $0.nextCursor != nil })
            #expect(pages.last?.nextCursor == nil)
          }
        }
      }
    }
  }

  @Test("a cursor is stable while newer signals arrive: every original seen once", arguments: StoreBackend.all)
  func signalCursorStability(backend: StoreBackend) async throws {
    try await withStore(backend) { store async throws in
      let originals = Fixtures.signals(count: 120, seed: 7)
      try await store.insert(contentsOf: originals)
      let newer = Fixtures.signals(count: 50, from: Fixtures.start.adding(seconds: 100_000), seed: 8)

      var page = try await store.signals(SignalQuery(limit: 9))
      var seen = page.items.map(\.id)
      let writer = Task {
        for signal in newer {
          try await store.insert(signal)
          await Task.yield()
        }
      }
      while let cursor = page.nextCursor {
        page = try await store.signals(SignalQuery(limit: 9, cursor: cursor))
        seen += page.items.map(\.id)
      }
      try await writer.value

      #expect(seen.count == originals.count)
      #expect(Set(seen) == Set(originals.map(\.id)))
      let firstPage = try await store.signals(SignalQuery(limit: 50))
      #expect(Set(firstPage.items.map(\.id)) == Set(newer.map(\.id)))
    }
  }

  @Test("an order cursor is stable while newer orders arrive between pages", arguments: StoreBackend.all)
  func orderCursorStability(backend: StoreBackend) async throws {
    try await withStore(backend) { store async throws in
      let originals = (0..<45).map { Fixtures.order("old-\($0)", second: Int64($0 / 4)) }
      for order in originals { #expect(try await store.insertIfAbsent(order)) }

      var page = try await store.orders(OrderQuery(limit: 8))
      var seen = page.items.map(\.id)
      var newerCount = 0
      while let cursor = page.nextCursor {
        for _ in 0..<5 {
          #expect(try await store.insertIfAbsent(Fixtures.order("new-\(newerCount)", second: 1_000)))
          newerCount += 1
        }
        page = try await store.orders(OrderQuery(limit: 8, cursor: cursor))
        seen += page.items.map(\.id)
      }
      #expect(seen.count == originals.count)
      #expect(Set(seen) == Set(originals.map(\.id)))
    }
  }

  @Test("a malformed or foreign cursor is a typed error", arguments: StoreBackend.all)
  func invalidCursor(backend: StoreBackend) async throws {
    try await withStore(backend) { store async throws in
      try await store.insert(contentsOf: Fixtures.signals(count: 3))
      #expect(try await store.insertIfAbsent(Fixtures.order("O-1", second: 0)))
      #expect(try await store.insertIfAbsent(Fixtures.order("O-2", second: 0)))
      let signalCursor = try #require(try await store.signals(SignalQuery(limit: 1)).nextCursor)
      let orderCursor = try #require(try await store.orders(OrderQuery(limit: 1)).nextCursor)

      func base64URL(_ text: String) -> String {
        Data(text.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
      }
      for bad in ["", "not a cursor!", "%%%", base64URL("s|not-a-ulid"), base64URL("o|noon|O-1"), orderCursor] {
        await #expect(throws: StoreError.invalidCursor(bad)) {
          try await store.signals(SignalQuery(limit: 5, cursor: bad))
        }
      }
      for bad in [signalCursor, base64URL("o|12"), base64URL("f|12|fill-1")] {
        await #expect(throws: StoreError.invalidCursor(bad)) {
          try await store.orders(OrderQuery(limit: 5, cursor: bad))
        }
      }
      await #expect(throws: StoreError.invalidCursor(orderCursor)) {
        try await store.fills(FillQuery(limit: 5, cursor: orderCursor))
      }
    }
  }

  @Test("a page of no items is refused", arguments: StoreBackend.all)
  func invalidLimit(backend: StoreBackend) async throws {
    try await withStore(backend) { store async throws in
      await #expect(throws: StoreError.invalidLimit(0)) { try await store.signals(SignalQuery(limit: 0)) }
      await #expect(throws: StoreError.invalidLimit(-1)) { try await store.orders(OrderQuery(limit: -1)) }
      await #expect(throws: StoreError.invalidLimit(0)) { try await store.fills(FillQuery(limit: 0)) }
    }
  }
}
