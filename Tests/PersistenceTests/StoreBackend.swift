import Foundation
import Persistence
import SQLKit
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

  /// The backends the conformance tests run on: PostgreSQL too when a test server is configured.
  static let all: [StoreBackend] = [sqliteFile] + [postgres].compactMap { $0 }

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

  /// A database of its own on the test PostgreSQL server, dropped afterwards; `nil` without a server.
  ///
  /// Each test gets a new database (`CREATE DATABASE t_<uuid>`), so tests running at once never
  /// see each other's rows and need no cleanup between them.
  static let postgres: StoreBackend? = TestPostgres.serverURL.map { serverURL in
    StoreBackend(name: "PostgreSQL") {
      let url = try await TestPostgres.createDatabase(on: serverURL)
      return TestDatabase(
        open: {
          let postgres = try await PostgresStore.open(url: url)
          return (postgres.store, { await postgres.shutdown() })
        },
        destroy: { try await TestPostgres.dropDatabase(url, on: serverURL) })
    }
  }
}

/// The PostgreSQL server that `make test` starts (`scripts/test_servers.sh`), and fresh databases on it.
enum TestPostgres {
  /// `AITRADER_TEST_DATABASE_URL`: a role that may create databases, on a server for tests only.
  static let serverURL = ProcessInfo.processInfo.environment["AITRADER_TEST_DATABASE_URL"].flatMap {
    $0.isEmpty ? nil : $0
  }

  /// Creates an empty database named `t_<uuid>` on the server at `serverURL`; returns its URL.
  static func createDatabase(on serverURL: String) async throws -> String {
    let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    try await PostgresStore.withConnection(url: serverURL) { database in
      try await database.raw("CREATE DATABASE \(ident: name)").run()
    }
    return try url(serverURL, database: name)
  }

  /// Drops the database of `url`, closing any connection still open to it.
  static func dropDatabase(_ url: String, on serverURL: String) async throws {
    guard let name = URLComponents(string: url)?.path.dropFirst(), !name.isEmpty else { return }
    try await PostgresStore.withConnection(url: serverURL) { database in
      try await database.raw("DROP DATABASE IF EXISTS \(ident: String(name)) WITH (FORCE)").run()
    }
  }

  /// `serverURL` naming the database `name` instead.
  static func url(_ serverURL: String, database name: String) throws -> String {
    var components = try #require(URLComponents(string: serverURL))
    components.path = "/" + name
    return try #require(components.string)
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
