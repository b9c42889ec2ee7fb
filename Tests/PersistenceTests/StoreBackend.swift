import Foundation
import Persistence
import Testing
import TradingCore

/// A database the store conformance tests can open, close, reopen and finally remove.
struct TestDatabase: Sendable {
  /// Opens a migrated store over the database and returns it with the function that closes it.
  let open: @Sendable () async throws -> (store: SQLTradingStore, close: @Sendable () async throws -> Void)
  /// Removes whatever the database left behind.
  let destroy: @Sendable () async throws -> Void
}

/// A kind of database every store test runs against.
///
/// The tests take the backend as an argument, so a PostgreSQL backend added to `all` (issue 4)
/// runs every one of them unchanged.
struct StoreBackend: Sendable, CustomTestStringConvertible {
  let name: String
  /// A new, empty database.
  let makeDatabase: @Sendable () async throws -> TestDatabase

  var testDescription: String { name }

  /// The backends the conformance tests run on.
  static let all: [StoreBackend] = [sqliteFile]

  /// An SQLite file in a fresh temporary directory, removed afterwards.
  static let sqliteFile = StoreBackend(name: "SQLite file") {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("aitrader-store-\(UUID())").path
    return TestDatabase(
      open: {
        let sqlite = try await SQLiteStore.open(.dataDirectory(directory), durableCommits: false)
        return (sqlite.store, { try await sqlite.shutdown() })
      },
      destroy: { try FileManager.default.removeItem(atPath: directory) })
  }
}

/// Runs `body` with a store over a new database of `backend`, then closes and removes it.
func withStore(_ backend: StoreBackend, _ body: (SQLTradingStore) async throws -> Void) async throws {
  try await withDatabase(backend) { database async throws in
    let (store, close) = try await database.open()
    do {
      try await body(store)
    } catch {
      try? await close()
      throw error
    }
    try await close()
  }
}

/// Runs `body` with a new database of `backend` that it may open several times, then removes it.
func withDatabase(_ backend: StoreBackend, _ body: (TestDatabase) async throws -> Void) async throws {
  let database = try await backend.makeDatabase()
  do {
    try await body(database)
  } catch {
    try? await database.destroy()
    throw error
  }
  try await database.destroy()
}
