import Foundation
import SQLKit
import SQLiteKit

/// The embedded store: an SQLite database in a file under the data directory (or in memory),
/// migrated on open, served through SQLiteKit's connection pool on its own event loop.
///
/// The pool holds one connection. SQLite lets one writer in at a time anyway, and a single
/// connection serialises transactions without `SQLITE_BUSY` retries; the write-ahead log lets
/// other processes (`sqlite3`, a backup) read while it writes. Call `shutdown()` before exit.
public actor SQLiteStore {
  /// Where the database lives.
  public enum Location: Sendable, Hashable {
    /// `aitrader.sqlite` in this directory, which is created if missing.
    case dataDirectory(String)
    /// This file.
    case file(String)
    /// A private database that vanishes at `shutdown()`, for tests.
    case inMemory
  }

  /// The file name used under a data directory.
  public static let fileName = "aitrader.sqlite"

  /// The stores, over `database`.
  public nonisolated let store: SQLTradingStore
  /// The database, for queries of its own.
  public nonisolated var database: any SQLDatabase { store.database }

  private let pool: SQLiteConnectionPool
  private let eventLoopGroup: MultiThreadedEventLoopGroup
  private var isShutDown = false

  private init(pool: SQLiteConnectionPool, eventLoopGroup: MultiThreadedEventLoopGroup, logger: Logger) {
    self.pool = pool
    self.eventLoopGroup = eventLoopGroup
    let database = PooledSQLiteDatabase(pool: pool, logger: logger)
    store = SQLTradingStore(database: database.sql())
  }

  /// Opens (creating if needed) the database at `location` and migrates it to the latest schema.
  ///
  /// - Parameter durableCommits: `true` syncs every commit to disk (`synchronous=FULL`), so a
  ///   committed write survives a power cut; `false` (`NORMAL`) survives a crash of the process only.
  public static func open(
    _ location: Location, durableCommits: Bool = true, logger: Logger = Logger(label: "aitrader.store.sqlite")
  ) async throws -> SQLiteStore {
    let storage = try storage(for: location)
    let eventLoopGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    let source = SQLiteConnectionSetup(storage: storage, durableCommits: durableCommits)
    let pool = SQLiteConnectionPool(
      EventLoopGroupConnectionPool(source: source, maxConnectionsPerEventLoop: 1, logger: logger, on: eventLoopGroup))
    let sqliteStore = SQLiteStore(pool: pool, eventLoopGroup: eventLoopGroup, logger: logger)
    do {
      try await Migrations.migrate(sqliteStore.database)
    } catch {
      try? await sqliteStore.shutdown()
      throw error
    }
    return sqliteStore
  }

  /// Closes the connection and stops the event loop; the store must not be used afterwards.
  public func shutdown() async throws {
    guard !isShutDown else { return }
    isShutDown = true
    try await pool.shutdown()
    try await eventLoopGroup.shutdownGracefully()
  }

  private static func storage(for location: Location) throws -> SQLiteConnection.Storage {
    switch location {
    case .dataDirectory(let directory):
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      return .file(path: URL(fileURLWithPath: directory).appendingPathComponent(fileName).path)
    case .file(let path):
      return .file(path: path)
    case .inMemory:
      return .memory
    }
  }
}

/// Opens SQLite connections and sets each one up: write-ahead log, the chosen durability, and
/// foreign keys on. A fresh `:memory:` database per connection is fine because the pool holds one.
struct SQLiteConnectionSetup: ConnectionPoolSource {
  let storage: SQLiteConnection.Storage
  let durableCommits: Bool

  func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteConnection> {
    let pragmas = [
      "PRAGMA journal_mode = WAL", "PRAGMA synchronous = \(durableCommits ? "FULL" : "NORMAL")",
      "PRAGMA foreign_keys = ON",
    ]
    return SQLiteConnection.open(storage: storage, threadPool: .singleton, logger: logger, on: eventLoop)
      .flatMap { connection in
        pragmas.reduce(eventLoop.makeSucceededVoidFuture()) { previous, pragma in
          previous.flatMap { connection.query(pragma, []) { _ in } }
        }
        .flatMapError { error in connection.close().flatMapThrowing { throw error } }
        .map { connection }
      }
  }
}

/// The connection pool, made `Sendable`.
///
/// Safe because `EventLoopGroupConnectionPool` guards its only mutable state (`didShutdown`)
/// with a lock, never mutates its dictionary of per-loop pools after `init`, and each
/// per-loop pool hops to its own event loop before touching its state; it lacks the
/// conformance only because it predates `Sendable` (Vapor shares it across threads the same way).
struct SQLiteConnectionPool: @unchecked Sendable {
  let pool: EventLoopGroupConnectionPool<SQLiteConnectionSetup>

  init(_ pool: EventLoopGroupConnectionPool<SQLiteConnectionSetup>) {
    self.pool = pool
  }

  /// Closes every connection; requests made afterwards fail.
  func shutdown() async throws {
    try await pool.shutdownAsync()
  }
}

/// An `SQLiteDatabase` that borrows the pool's connection for each query, or for a whole session.
struct PooledSQLiteDatabase: SQLiteDatabase {
  let pool: SQLiteConnectionPool
  let logger: Logger

  var eventLoop: any EventLoop { pool.pool.eventLoopGroup.any() }

  func query(
    _ query: String, _ binds: [SQLiteData], logger: Logger, _ onRow: @escaping @Sendable (SQLiteRow) -> Void
  ) -> EventLoopFuture<Void> {
    pool.pool.withConnection(logger: logger) { $0.query(query, binds, logger: logger, onRow) }
  }

  func withConnection<T>(_ closure: @escaping @Sendable (SQLiteConnection) -> EventLoopFuture<T>) -> EventLoopFuture<T>
  {
    pool.pool.withConnection(logger: logger, closure)
  }

  func withConnection<T>(_ closure: @escaping @Sendable (SQLiteConnection) async throws -> T) async throws -> T {
    let connection = try await pool.pool.requestConnection(logger: logger).get()
    defer { pool.pool.releaseConnection(connection, logger: logger) }
    return try await closure(connection)
  }
}
