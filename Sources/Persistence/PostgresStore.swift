import Logging
import PostgresKit

/// The distributed store: PostgreSQL at a `postgres://` URL (see `PostgresURL` for its form),
/// migrated on open, served through a `PostgresClient` connection pool. The stores are the same
/// `SQLTradingStore` as SQLite's, so both backends answer alike.
///
/// `open` first connects once by itself: a wrong URL, password or database name, or a server that
/// is down, fails `open` at once with the reason (`StoreError`), instead of a pool waiting in the
/// background. The migrations run on that connection, under a lock that lets several processes
/// open at once. From then on the pool reconnects by itself: while the server is down every
/// operation fails within `Options.connectionWaitLimit` with `StoreError.unavailable`, and once
/// it is back operations work again, without reopening the store. Call `shutdown()` before exit.
public actor PostgresStore {
  /// How the store uses the server.
  public struct Options: Sendable {
    /// Most connections the pool opens; several processes share the server's `max_connections`
    /// (100 by default), so keep the sum under it.
    public var maximumConnections = 10
    /// How long connecting and logging in may take, unless the URL gives `connect_timeout`.
    public var connectTimeout: Duration = .seconds(5)
    /// How long an operation waits for a connection before failing with `StoreError.unavailable`:
    /// the server is down, or every connection of the pool stayed busy that long.
    public var connectionWaitLimit: Duration = .seconds(5)

    public init() {}
  }

  /// The stores, over `database`.
  public nonisolated let store: SQLTradingStore
  /// The database, for queries of its own.
  public nonisolated var database: any SQLDatabase { store.database }
  /// `host:port/database`, without credentials: for logs and status pages.
  public nonisolated let endpoint: String
  /// The schema versions `open` applied; empty when the database was up to date.
  public nonisolated let appliedMigrations: [Int]

  private let client: PostgresClient
  private let running: Task<Void, Never>
  private var isShutDown = false

  private init(client: PostgresClient, database: PooledPostgresDatabase, appliedMigrations: [Int]) {
    self.client = client
    store = SQLTradingStore(database: database)
    endpoint = database.endpoint
    self.appliedMigrations = appliedMigrations
    running = Task { await client.run() }
  }

  /// Connects to the database at `url`, migrates it to the latest schema and starts the pool.
  ///
  /// Throws `StoreError.invalidDatabaseURL` for a URL it cannot use, `StoreError.unavailable`
  /// when the server cannot be reached or refuses the login, `StoreError.migrationFailed` or
  /// `.schemaNewerThanCode` when the schema cannot be brought up to date.
  public static func open(
    url text: String, options: Options = Options(), logger: Logger = Logger(label: "aitrader.store.postgres")
  ) async throws -> PostgresStore {
    let url = try PostgresURL(text)
    let applied = try await withConnection(to: url, options: options, logger: logger) { database in
      try await Migrations.migrate(database)
    }
    let configuration = url.clientConfiguration(
      connectTimeout: options.connectTimeout, maximumConnections: options.maximumConnections)
    let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
    let database = PooledPostgresDatabase(
      client: client, endpoint: url.endpoint, connectionWaitLimit: options.connectionWaitLimit, logger: logger)
    if !applied.isEmpty {
      logger.info("migrated \(url.endpoint)", metadata: ["versions": "\(applied)"])
    }
    return PostgresStore(client: client, database: database, appliedMigrations: applied)
  }

  /// Brings the database at `url` to the latest schema over one connection, without a pool;
  /// returns the versions applied (none when up to date). This is `aitrader initdb`.
  @discardableResult
  public static func migrate(
    url text: String, options: Options = Options(), logger: Logger = Logger(label: "aitrader.store.postgres")
  ) async throws -> [Int] {
    try await withConnection(url: text, options: options, logger: logger) { try await Migrations.migrate($0) }
  }

  /// Runs `body` on one connection to the server at `url`, opened for it and closed after: no pool,
  /// no migrations. For administration, such as creating the databases that tests use.
  public static func withConnection<Result: Sendable>(
    url text: String, options: Options = Options(), logger: Logger = Logger(label: "aitrader.store.postgres"),
    _ body: @Sendable (any SQLDatabase) async throws -> Result
  ) async throws -> Result {
    try await withConnection(to: try PostgresURL(text), options: options, logger: logger, body)
  }

  private static func withConnection<Result: Sendable>(
    to url: PostgresURL, options: Options, logger: Logger, _ body: @Sendable (any SQLDatabase) async throws -> Result
  ) async throws -> Result {
    let connection: PostgresConnection
    do {
      // The driver's connect timeout covers the login too: a silent peer cannot hold this up.
      let configuration = try url.connectionConfiguration(connectTimeout: options.connectTimeout)
      connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
    } catch {
      throw PostgresFailure.translate(error, endpoint: url.endpoint, beforeConnection: true)
    }
    do {
      let result = try await body(connection.sql(logger: logger))
      try? await connection.close()
      return result
    } catch {
      try? await connection.close()
      throw PostgresFailure.translate(error, endpoint: url.endpoint, beforeConnection: false)
    }
  }

  /// Closes every connection and stops the pool; operations afterwards fail with
  /// `StoreError.unavailable`. Calling it again does nothing.
  public func shutdown() async {
    guard !isShutDown else { return }
    isShutDown = true
    running.cancel()
    await running.value
  }
}
