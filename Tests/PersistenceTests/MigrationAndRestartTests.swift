import Foundation
import Persistence
import SQLKit
import Testing
import TradingCore

@Suite("Migrations and restart")
struct MigrationAndRestartTests {
  @Test("running the migrations again applies nothing and keeps the data", arguments: StoreBackend.all)
  func migrateTwice(backend: StoreBackend) async throws {
    try await withStore(backend) { store async throws in
      let signal = Fixtures.signals(count: 1)[0]
      try await store.insert(signal)
      #expect(try await Migrations.migrate(store.database) == [])
      #expect(try await Migrations.migrate(store.database) == [])
      #expect(try await Migrations.appliedVersions(store.database) == Array(1...Migrations.latestVersion))
      #expect(try await store.signal(id: signal.id) == signal)
    }
  }

  @Test("a schema newer than the code is refused", arguments: StoreBackend.all)
  func newerSchema(backend: StoreBackend) async throws {
    try await withStore(backend) { store async throws in
      try await store.database.insert(into: "schema_migrations").columns("version", "name")
        .values(SQLBind(Int64(999)), SQLBind("from the future")).run()
      await #expect(throws: StoreError.schemaNewerThanCode(databaseVersion: 999, codeVersion: Migrations.latestVersion))
      {
        try await Migrations.migrate(store.database)
      }
    }
  }

  @Test("a reopened database holds every signal, order, fill, position and snapshot", arguments: StoreBackend.all)
  func restart(backend: StoreBackend) async throws {
    try await withDatabase(backend) { database async throws in
      let signals = Fixtures.signals(count: 30)
      let order = Fixtures.order("O-1", second: 0)
      let fill = Fixtures.fill("O-1#1", second: 1)
      let position = PositionRecord(
        symbol: "AAPL", quantity: Fixed("1.5")!, averageEntryPrice: Fixed("100.25")!, realizedPnL: .zero,
        updatedAt: Fixtures.start)
      let snapshot = PortfolioSnapshot(
        timestamp: Fixtures.start, cash: Fixed("99849.615")!, equity: Fixed("99999.99")!, realizedPnL: .zero,
        unrealizedPnL: Fixed("-0.01")!, grossExposure: Fixed("150.375")!)

      let (first, closeFirst) = try await database.open()
      try await first.insert(contentsOf: signals)
      #expect(try await first.insertIfAbsent(order))
      #expect(try await first.record(fill, order: order, position: position))
      try await first.insert(snapshot)
      try await closeFirst()

      let (second, closeSecond) = try await database.open()
      let pages = try await Fixtures.allPages { try await second.signals(SignalQuery(limit: 100, cursor: $0)) }
      #expect(pages.flatMap(\.items) == signals.sorted { $0.id > $1.id })
      #expect(try await second.order(id: order.id) == order)
      #expect(try await second.fill(id: fill.id) == fill)
      #expect(try await second.positions() == [position])
      #expect(try await second.latestSnapshot() == snapshot)
      #expect(try await second.insertIfAbsent(order) == false)
      try await closeSecond()
    }
  }

  @Test("an in-memory SQLite store works and shuts down twice without harm")
  func inMemory() async throws {
    let sqlite = try await SQLiteStore.open(.inMemory)
    let store: any TradingStore = sqlite.store
    let signal = Fixtures.signals(count: 1)[0]
    #expect(try await store.insert(signal))
    #expect(try await store.signal(id: signal.id) == signal)
    try await sqlite.shutdown()
    try await sqlite.shutdown()
  }

  @Test("a data directory is created with the database file in it")
  func dataDirectory() async throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("aitrader-store-\(UUID())")
    let directory = root.appendingPathComponent("nested/data").path
    let sqlite = try await SQLiteStore.open(.dataDirectory(directory))
    try await sqlite.shutdown()
    #expect(FileManager.default.fileExists(atPath: "\(directory)/\(SQLiteStore.fileName)"))
    try FileManager.default.removeItem(at: root)
  }
}
