import PostgresNIO

/// Sorts the errors of postgres-nio into "the database cannot be reached" — which becomes
/// `StoreError.unavailable`, so that callers (and the API, with a 503) can tell an outage from a
/// fault in a statement — and everything else, which passes through unchanged.
enum PostgresFailure {
  /// `error` as callers of the store should see it, for the server at `endpoint`.
  ///
  /// - Parameter beforeConnection: whether it was thrown before a connection was obtained; any
  ///   failure at that point (the pool's circuit breaker, a refused login) means no database.
  static func translate(_ error: any Error, endpoint: String, beforeConnection: Bool) -> any Error {
    switch error {
    case is StoreError, is CancellationError:
      return error
    case let error as PSQLError where error.code == .queryCancelled && Task.isCancelled:
      return CancellationError()
    case let error as PSQLError where isConnectivity(error) || beforeConnection:
      return StoreError.unavailable(reason: "PostgreSQL at \(endpoint): \(describe(error))")
    case is PSQLError:
      return error
    default:
      guard beforeConnection else { return error }
      return StoreError.unavailable(reason: "PostgreSQL at \(endpoint): \(error)")
    }
  }

  /// Whether `error` says the server is gone, not that a statement was wrong.
  static func isConnectivity(_ error: PSQLError) -> Bool {
    switch error.code {
    case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed,
      .sslUnsupported, .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest:
      return true
    case .server:
      let state = error.serverInfo?[.sqlState] ?? ""
      return unavailableStates.contains { state.hasPrefix($0) }
    default:
      return false
    }
  }

  /// SQLSTATE classes and codes that mean "no database for now": connection exceptions (08),
  /// a shut-down, restarting or dropped server or database (57P0x), too many connections (53300),
  /// a refused login (28), a database that does not exist (3D000).
  static let unavailableStates = ["08", "57P0", "53300", "28", "3D000"]

  /// What went wrong in words, with the server's message when it sent one.
  ///
  /// `PSQLError`'s own description is deliberately vague (it may otherwise leak a query's values);
  /// this keeps its code, the server's message and the network error underneath, never the query.
  static func describe(_ error: PSQLError) -> String {
    if let info = error.serverInfo, let message = info[.message] {
      return "\(message) (SQLSTATE \(info[.sqlState] ?? "?"))"
    }
    switch error.code {
    case .connectionError:
      return "cannot connect (\(error.underlying.map { "\($0)" } ?? "no reason given"))"
    case .serverClosedConnection, .uncleanShutdown:
      return "the server closed the connection"
    case .clientClosedConnection, .poolClosed:
      return "the store was shut down"
    default:
      return error.underlying.map { "\(error.code): \($0)" } ?? "\(error.code)"
    }
  }
}
