import ArgumentParser
import Foundation
import Persistence

/// `aitrader initdb`: creates or upgrades the PostgreSQL schema of distributed mode.
///
/// Every service also migrates when it opens the store; running this first, once per release,
/// lets a deployment fail early on a wrong URL or an unreachable server, before any service starts.
struct InitDBCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "initdb",
    abstract: "Create or upgrade the PostgreSQL schema (idempotent).",
    discussion:
      "The database is --database-url, else AITRADER_DATABASE_URL, else DATABASE_URL: "
      + "postgres://user[:password]@host[:port]/database[?sslmode=disable|prefer|require|verify-ca|verify-full]. "
      + "Prints the schema versions applied, or that the schema was up to date; several processes may run it at once."
  )

  @Option(help: "postgres://user[:password]@host[:port]/database (default: AITRADER_DATABASE_URL, else DATABASE_URL).")
  var databaseURL: String?

  func run() async throws {
    let environment = ProcessInfo.processInfo.environment
    guard let url = databaseURL ?? environment["AITRADER_DATABASE_URL"] ?? environment["DATABASE_URL"] else {
      throw ValidationError("no database given: pass --database-url, or set AITRADER_DATABASE_URL or DATABASE_URL")
    }
    do {
      let applied = try await PostgresStore.migrate(url: url)
      print(Self.summary(applied: applied))
    } catch let error as StoreError {
      FileHandle.standardError.write(Data("aitrader initdb: \(Self.message(for: error))\n".utf8))
      throw ExitCode.failure
    }
  }

  /// What a run did, in one line.
  static func summary(applied: [Int]) -> String {
    let latest = Migrations.latestVersion
    guard !applied.isEmpty else { return "schema up to date at version \(latest)" }
    let versions = applied.map(String.init).joined(separator: ", ")
    return "applied migration\(applied.count == 1 ? "" : "s") \(versions); schema now at version \(latest)"
  }

  /// A store error as a person at a terminal needs it.
  static func message(for error: StoreError) -> String {
    switch error {
    case .invalidDatabaseURL(let url, let reason): "unusable database URL \(url): \(reason)"
    case .unavailable(let reason): "cannot reach the database: \(reason)"
    case .migrationFailed(let version, let name, let reason):
      "migration \(version) (\(name)) failed and was rolled back: \(reason)"
    case .schemaNewerThanCode(let databaseVersion, let codeVersion):
      "the database is at schema version \(databaseVersion), newer than this release's \(codeVersion): "
        + "upgrade aitrader"
    case .invalidCursor, .invalidLimit, .corruptValue: "\(error)"
    }
  }
}
