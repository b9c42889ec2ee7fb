import Persistence
import Testing
import TradingCore

@Suite("SignalStore")
struct SignalStoreTests {
  @Test("a signal comes back exactly, meta included", arguments: StoreBackend.all)
  func roundTrip(backend: StoreBackend) async throws {
    try await withStore(backend) { store async throws in
      var random = SplitMix64(seed: 3)
      let signal = Signal(
        id: TimeSortableID(timestamp: Fixtures.start, using: &random), symbol: "BRK.B", score: -0.731_254_987_654_321,
        timestamp: Fixtures.start.adding(nanoseconds: 123_456_789), source: "pattern_engine",
        meta: [
          "rsi": 71.234_567_891_234_56, "third": 1.0 / 3, "tiny": .leastNonzeroMagnitude, "huge": .infinity,
          "zero": -0.0,
        ])
      #expect(try await store.insert(signal))
      #expect(try await store.signal(id: signal.id) == signal)
    }
  }

  @Test("inserting a stored id again changes nothing and reports false", arguments: StoreBackend.all)
  func idempotentInsert(backend: StoreBackend) async throws {
    try await withStore(backend) { store async throws in
      let signal = Fixtures.signals(count: 1)[0]
      var redelivered = signal
      redelivered.score = 0.99
      #expect(try await store.insert(signal))
      #expect(try await store.insert(redelivered) == false)
      #expect(try await store.signal(id: signal.id) == signal)
    }
  }

  @Test("a batch insert stores only new ids and reports them", arguments: StoreBackend.all)
  func batchInsert(backend: StoreBackend) async throws {
    try await withStore(backend) { store async throws in
      let signals = Fixtures.signals(count: 1_203)
      try await store.insert(contentsOf: Array(signals[0..<3]))
      let batch = signals + [signals[10]]
      let inserted = try await store.insert(contentsOf: batch)
      #expect(inserted.count == 1_200)
      #expect(Set(inserted) == Set(signals[3...].map(\.id)))
      #expect(try await store.insert(contentsOf: signals).isEmpty)
      #expect(try await store.insert(contentsOf: []).isEmpty)
      let all = try await Fixtures.allPages { try await store.signals(SignalQuery(limit: 100, cursor: $0)) }
      #expect(all.flatMap(\.items).count == 1_203)
    }
  }

  @Test("an unknown id finds nothing", arguments: StoreBackend.all)
  func unknownID(backend: StoreBackend) async throws {
    try await withStore(backend) { store async throws in
      #expect(try await store.signal(id: TimeSortableID(high: 1, low: 2)) == nil)
    }
  }
}
