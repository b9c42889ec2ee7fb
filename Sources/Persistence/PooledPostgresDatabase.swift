import Logging
import PostgresKit
import Synchronization

/// An `SQLDatabase` over a `PostgresClient` pool: each query borrows a connection for itself, a
/// session (a transaction) keeps one connection throughout.
///
/// While the server is down, the pool does not fail a borrower: it keeps it waiting and retries
/// connecting with backoff, until its circuit breaker opens after a minute. So that a caller
/// learns of an outage within seconds, a borrower waits at most `connectionWaitLimit` and then
/// gets `StoreError.unavailable`; the pool goes on reconnecting, so the next borrower after the
/// server is back gets a connection. Lost connections and refused logins become
/// `StoreError.unavailable` too (see `PostgresFailure`).
struct PooledPostgresDatabase: SQLDatabase {
  let client: PostgresClient
  /// Where the server is, for error messages.
  let endpoint: String
  /// The longest a query waits for a connection.
  let connectionWaitLimit: Duration
  let logger: Logger

  var eventLoop: any EventLoop { PostgresClient.defaultEventLoopGroup.any() }
  var dialect: any SQLDialect { PostgresDialect() }

  func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void>
  {
    eventLoop.makeFutureWithTask { try await self.execute(sql: query, onRow) }
  }

  func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
    try await withPooledConnection { [logger] connection in
      try await connection.sql(logger: logger).execute(sql: query, onRow)
    }
  }

  func withSession<Result>(
    _ closure: @escaping @Sendable (any SQLDatabase) async throws -> Result
  ) async throws -> Result {
    try await withPooledConnection { [logger] connection in
      try await closure(connection.sql(logger: logger))
    }
  }

  /// Runs `body` on a borrowed connection, waiting at most `connectionWaitLimit` for one.
  ///
  /// The borrow and a timer race in a task group; `LeaseRace` decides atomically which of them
  /// won, so a connection that arrives just as the timer fires is handed back unused.
  private func withPooledConnection<Result>(
    _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
  ) async throws -> Result {
    let race = LeaseRace()
    do {
      return try await withThrowingTaskGroup(of: Handoff<Result>?.self) { [client, connectionWaitLimit] group in
        group.addTask {
          try await client.withConnection { connection in
            guard race.claimConnection() else { throw CancellationError() }
            return Handoff(try await body(connection))
          }
        }
        group.addTask {
          try await Task.sleep(for: connectionWaitLimit)
          guard race.claimTimeout() else { return nil }
          throw StoreError.unavailable(
            reason: "PostgreSQL at \(endpoint): no connection within \(connectionWaitLimit); "
              + "the server is down, unreachable or refusing logins")
        }
        while let outcome = try await group.next() {
          guard let outcome else { continue }
          group.cancelAll()  // the timer; a group awaits its children, and does not cancel them, on return
          return outcome.value
        }
        throw CancellationError()
      }
    } catch {
      throw PostgresFailure.translate(error, endpoint: endpoint, beforeConnection: !race.connected)
    }
  }
}

/// Which came first for one borrow: the connection or the time limit.
private final class LeaseRace: Sendable {
  private enum State { case waiting, connected, timedOut }
  private let state = Mutex(State.waiting)

  /// True if the connection came in time; the borrower may use it.
  func claimConnection() -> Bool { claim(.connected) }
  /// True if the time ran out first; a connection arriving later is given back.
  func claimTimeout() -> Bool { claim(.timedOut) }
  /// Whether a connection was obtained and used.
  var connected: Bool { state.withLock { $0 == .connected } }

  private func claim(_ outcome: State) -> Bool {
    state.withLock { state in
      guard state == .waiting else { return false }
      state = outcome
      return true
    }
  }
}

/// A result handed from the child task that made it to the task that awaits it.
///
/// `@unchecked Sendable` is safe: the child stores the value and finishes; the parent reads it
/// only after `group.next()` returned it, which orders the write before the read, and no one else
/// ever holds it. It is needed because `SQLDatabase.withSession` does not require a `Sendable` result.
private struct Handoff<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}
