/// Why a store operation was refused or could not be completed.
///
/// Errors of the database driver itself (a lost connection, a full disk) pass through unchanged;
/// these are the ones the store raises, each carrying what a caller needs to act on it.
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
}
