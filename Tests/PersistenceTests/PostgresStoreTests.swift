import Foundation
import SQLKit
import TestServers
import Testing
import TradingCore

@testable import Persistence

/// What is particular to PostgreSQL; the conformance tests run on it through `StoreBackend.all`.
///
/// Tests that need a server use the one `make test` starts (`AITRADER_TEST_DATABASE_URL`), each in
/// a database of its own. The outage test stops and restarts a server, so it runs a server of its
/// own (`PrivatePostgresServer`): stopping the shared one would fail whichever tests, of any
/// target, happen to be using it at that moment, and no suite trait can serialise against those.
@Suite("PostgreSQL store")
struct PostgresStoreTests {
  @Test("make test runs the PostgreSQL tests: AITRADER_TEST_DATABASE_URL is set whenever AITRADER_VENDOR_DIR is")
  func postgresIsConfiguredUnderMakeTest() {
    let environment = ProcessInfo.processInfo.environment
    guard environment["AITRADER_VENDOR_DIR"] != nil else { return }
    #expect(
      TestPostgres.serverURL != nil,
      """
      AITRADER_VENDOR_DIR is set (make test) but AITRADER_TEST_DATABASE_URL is not: the PostgreSQL tests would be \
      skipped. Run the suite through `bash scripts/test_servers.sh run swift test`.
      """)
  }

  @Suite("Database URLs")
  struct URLs {
    @Test("a full URL is read with its parts percent-decoded")
    func fullURL() throws {
      let url = try PostgresURL(
        "postgresql://trader%40desk:p%40ss%2Fword@db.example.com:6543/live%20book?sslmode=verify-full"
          + "&connect_timeout=3&application_name=strategy")
      #expect(url.host == "db.example.com")
      #expect(url.port == 6543)
      #expect(url.username == "trader@desk")
      #expect(url.password == "p@ss/word")
      #expect(url.database == "live book")
      #expect(url.sslMode == .verifyFull)
      #expect(url.connectTimeout == .seconds(3))
      #expect(url.applicationName == "strategy")
      #expect(url.endpoint == "db.example.com:6543/live book")
      #expect(url.redacted.contains("p%40ss") == false)
    }

    @Test("defaults: port 5432, the user's database, plain TCP on loopback and prefer-TLS elsewhere")
    func defaults() throws {
      let local = try PostgresURL("postgres://aitrader@127.0.0.1")
      #expect(local.port == 5432)
      #expect(local.database == nil)
      #expect(local.endpoint == "127.0.0.1:5432/aitrader")
      #expect(local.sslMode == .disable)
      #expect(local.tlsConfiguration == nil)
      #expect(try PostgresURL("postgres://a@localhost/db").sslMode == .disable)
      #expect(try PostgresURL("postgres://a@db.internal/db").sslMode == .prefer)
      #expect(try PostgresURL("postgres://a@localhost/db?sslmode=require").sslMode == .require)
    }

    @Test("the password never shows in a message")
    func redaction() {
      #expect(PostgresURL.redacting("postgres://u:secret@h:1/db") == "postgres://u:***@h:1/db")
      #expect(PostgresURL.redacting("postgres://u:se@cret@h/db?x=1") == "postgres://u:***@h/db?x=1")
      #expect(PostgresURL.redacting("postgres://u@h/db") == "postgres://u@h/db")
      #expect(PostgresURL.redacting("not a url") == "not a url")
    }

    @Test(
      "a URL that cannot be used is refused at open, saying why, without its password",
      arguments: [
        "", "localhost:5432", "mysql://u:secret@h/db", "postgres://u:secret@/db", "postgres://:secret@h/db",
        "postgres://u:secret@h/a/b", "postgres://u:secret@h/db?sslmode=sometimes",
        "postgres://u:secret@h/db?connect_timeout=0", "postgres://u:secret@h/db?pool=5",
        "postgres://u:secret@h:0/db",
      ])
    func badURL(text: String) async throws {
      let error = await #expect(throws: StoreError.self) { try await PostgresStore.open(url: text) }
      guard case .invalidDatabaseURL(let shown, let reason) = error else {
        Issue.record("expected invalidDatabaseURL, got \(String(describing: error))")
        return
      }
      #expect(!reason.isEmpty)
      #expect(!shown.contains("secret") && !reason.contains("secret"), "\(shown): \(reason)")
    }
  }

  @Test("a server that is not there fails open with StoreError.unavailable, promptly", .timeLimit(.minutes(1)))
  func serverDown() async throws {
    let port = try await closedPort()
    let error = await #expect(throws: StoreError.self) {
      try await PostgresStore.open(url: "postgres://aitrader:secret@127.0.0.1:\(port)/aitrader")
    }
    guard case .unavailable(let reason) = error else {
      Issue.record("expected unavailable, got \(String(describing: error))")
      return
    }
    #expect(reason.contains("127.0.0.1:\(port)/aitrader"), "\(reason)")
    #expect(!reason.contains("secret"))
  }

  @Test(
    "a port that accepts connections but never answers fails open with StoreError.unavailable", .timeLimit(.minutes(1)))
  func silentServer() async throws {
    let listener = try SilentListener()
    defer { listener.close() }
    let error = await #expect(throws: StoreError.self) {
      try await PostgresStore.open(url: "postgres://aitrader@127.0.0.1:\(listener.port)/aitrader?connect_timeout=1")
    }
    guard case .unavailable(let reason) = error else {
      Issue.record("expected unavailable, got \(String(describing: error))")
      return
    }
    #expect(reason.contains("127.0.0.1:\(listener.port)/aitrader"), "\(reason)")
  }

  @Suite("On the test server", .enabled(if: TestPostgres.serverURL != nil, "needs AITRADER_TEST_DATABASE_URL"))
  struct OnServer {
    let serverURL = TestPostgres.serverURL ?? ""

    @Test("a database that does not exist fails open with StoreError.unavailable naming it")
    func missingDatabase() async throws {
      let url = try TestPostgres.url(serverURL, database: "no_such_database_\(UInt32.random(in: 0...UInt32.max))")
      let error = await #expect(throws: StoreError.self) { try await PostgresStore.open(url: url) }
      guard case .unavailable(let reason) = error else {
        Issue.record("expected unavailable, got \(String(describing: error))")
        return
      }
      #expect(reason.contains("does not exist"), "\(reason)")
    }

    @Test("opening migrates once; opening again and `initdb` apply nothing")
    func migrationsAreIdempotent() async throws {
      try await withFreshDatabase { url in
        let first = try await PostgresStore.open(url: url)
        #expect(first.appliedMigrations == Array(1...Migrations.latestVersion))
        await first.shutdown()
        let second = try await PostgresStore.open(url: url)
        #expect(second.appliedMigrations == [])
        #expect(try await PostgresStore.migrate(url: url) == [])
        #expect(try await Migrations.appliedVersions(second.database) == Array(1...Migrations.latestVersion))
        await second.shutdown()
      }
    }

    @Test("processes opening one new database at once apply each migration exactly once")
    func concurrentMigrations() async throws {
      try await withFreshDatabase { url in
        let stores = try await withThrowingTaskGroup(of: PostgresStore.self) { group in
          for _ in 0..<4 {
            group.addTask { try await PostgresStore.open(url: url) }
          }
          return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(stores.flatMap(\.appliedMigrations).sorted() == Array(1...Migrations.latestVersion))
        #expect(try await Migrations.appliedVersions(stores[0].database) == Array(1...Migrations.latestVersion))
        for store in stores {
          await store.shutdown()
        }
      }
    }

    @Test("money keeps every digit: stored as the exact decimal text, castable to NUMERIC")
    func exactMoney() async throws {
      try await withFreshDatabase { url in
        let postgres = try await PostgresStore.open(url: url)
        let store = postgres.store
        let largest = Fixed(raw: .max)
        let smallest = Fixed(raw: .min + 1)
        let tiny = Fixed("0.00000001")!
        let snapshot = PortfolioSnapshot(
          timestamp: Fixtures.start, cash: largest, equity: smallest, realizedPnL: tiny,
          unrealizedPnL: Fixed("-0.00000001")!, grossExposure: Fixed("123456789.12345678")!)
        try await store.insert(snapshot)
        #expect(try await store.latestSnapshot() == snapshot)

        let position = PositionRecord(
          symbol: "AAPL", quantity: Fixed("-1.5")!, averageEntryPrice: Fixed("169.02")!, realizedPnL: smallest,
          updatedAt: Fixtures.start)
        #expect(try await store.upsert(position))
        #expect(try await store.position(symbol: "AAPL") == position)

        let row = try #require(
          try await postgres.database.raw(
            "SELECT cash, cash::numeric = \(bind: largest.description)::numeric AS exact FROM portfolio_snapshots"
          ).first())
        #expect(try row.decode(column: "cash", as: String.self) == "92233720368.54775807")
        #expect(try row.decode(column: "exact", as: Bool.self))
        await postgres.shutdown()
      }
    }

    @Test("after shutdown, operations fail with StoreError.unavailable; shutting down twice is harmless")
    func afterShutdown() async throws {
      try await withFreshDatabase { url in
        let postgres = try await PostgresStore.open(url: url)
        await postgres.shutdown()
        await postgres.shutdown()
        await #expect(throws: StoreError.self) { try await postgres.store.positions() }
      }
    }

    /// Runs `body` with the URL of a new database on the test server, dropped afterwards.
    private func withFreshDatabase(_ body: (String) async throws -> Void) async throws {
      let url = try await TestPostgres.createDatabase(on: serverURL)
      do {
        try await body(url)
      } catch {
        try? await TestPostgres.dropDatabase(url, on: serverURL)
        throw error
      }
      try await TestPostgres.dropDatabase(url, on: serverURL)
    }
  }

  @Test(
    "a server stopped under an open store: operations fail with StoreError.unavailable, then work again once it is back",
    .enabled(if: TestPostgres.serverURL != nil, "needs the PostgreSQL binaries that make test installs"),
    .timeLimit(.minutes(3)))
  func outageAndRecovery() async throws {
    let server = try await PrivatePostgresServer.start()
    do {
      try await checkOutageAndRecovery(server)
    } catch {
      await server.remove()
      throw error
    }
    await server.remove()
  }

  private func checkOutageAndRecovery(_ server: PrivatePostgresServer) async throws {
    var options = PostgresStore.Options()
    options.connectionWaitLimit = .seconds(1)
    let postgres = try await PostgresStore.open(url: server.url, options: options)
    let store = postgres.store
    let signals = Fixtures.signals(count: 3)
    // The pool's first connection may take longer than the 1 s wait on a loaded machine: retry, boundedly.
    var inserted = false
    for _ in 0..<60 where !inserted {
      inserted = (try? await store.insert(signals[0])) == true
      if !inserted { try await Task.sleep(for: .milliseconds(250)) }
    }
    #expect(inserted, "the store never wrote while the server was up")

    try await server.stopServer()
    for attempt in 0..<3 {
      let error = await #expect(throws: StoreError.self, "read \(attempt) while down") {
        try await store.signal(id: signals[0].id)
      }
      if case .unavailable = error {} else { Issue.record("expected unavailable, got \(String(describing: error))") }
    }
    await #expect(throws: StoreError.self, "write while down") { try await store.insert(signals[1]) }

    try await server.startServer()
    // The pool retries connecting with a backoff that grows with the outage; wait for it, boundedly.
    var recovered: Signal?
    for _ in 0..<120 where recovered == nil {
      recovered = try? await store.signal(id: signals[0].id)
      if recovered == nil { try await Task.sleep(for: .milliseconds(250)) }
    }
    #expect(recovered == signals[0], "the store did not recover after the server came back")
    #expect(try await store.insert(signals[2]))
    #expect(try await store.signal(id: signals[2].id) == signals[2])
    await postgres.shutdown()
  }

  /// A loopback port nothing listens on (it was free a moment ago).
  private func closedPort() async throws -> Int {
    try LoopbackPort.free()
  }
}

/// A loopback socket that listens and never accepts: the kernel completes every TCP handshake,
/// and then nothing is ever said.
private struct SilentListener {
  let descriptor: Int32
  let port: Int

  init() throws {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw POSIXError(.EMFILE) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let listening = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
        bind(descriptor, address, length) == 0 && listen(descriptor, 8) == 0
          && getsockname(descriptor, address, &length) == 0
      }
    }
    guard listening else {
      Glibc.close(descriptor)
      throw POSIXError(.EADDRNOTAVAIL)
    }
    self.descriptor = descriptor
    port = Int(UInt16(bigEndian: address.sin_port))
  }

  func close() { Glibc.close(descriptor) }
}
