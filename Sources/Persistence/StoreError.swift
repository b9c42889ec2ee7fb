/// Why a store operation was refused or could not be completed.
///
/// Errors the database itself reports about a statement (a constraint, a syntax error) pass through
/// unchanged; these are the ones the store raises, each carrying what a caller needs to act on it.
public enum StoreError: Error, Hashable, Sendable {
  /// The paging cursor was not one this store handed out for this listing: the API answers 400.
  case invalidCursor(String)
  /// A page must hold at least one item.
  case invalidLimit(Int)
  /// A stored value could not be read back as its type (edited by hand, or written by other code).
  case corruptValue(table: String, column: String, value: String)
  /// A schema migration failed and was rolled back.
  case migrationFailed(version: Int, name: String, reason: String)
  /// The database carries a schema version this code does not know: a newer release wrote it.
  case schemaNewerThanCode(databaseVersion: Int, codeVersion: Int)
  /// A database URL that cannot be used (shown with its password hidden), and what is wrong with it.
  case invalidDatabaseURL(String, reason: String)
  /// The database server could not be reached, refused the login, or the connection to it was lost
  /// (`reason` says which): a passing condition, so the API answers 503 and the caller may retry.
  ///
  /// When the connection was lost mid-operation, a write may or may not have been committed;
  /// every store write is idempotent (see `SQLTradingStore`), so retrying it is safe.
  case unavailable(reason: String)
}
