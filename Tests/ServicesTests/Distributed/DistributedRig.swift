import Foundation
import Messaging
import Testing
import TradingCore

/// A fresh PostgreSQL database on the shared test server, migrated with `aitrader initdb`, and a
/// Redis database index of the shared test server, emptied: what the tests of the components as
/// processes of their own run against. `remove()` drops the database.
struct DistributedRig {
  static let environment = ProcessInfo.processInfo.environment
  static let serversAreSet =
    environment["AITRADER_TEST_REDIS_URL"] != nil && environment["AITRADER_TEST_DATABASE_URL"] != nil

  let serverURL: String
  let databaseName: String
  let databaseURL: String
  let redisURL: String
  let directory: URL

  /// - Parameters:
  ///   - redisDatabase: a Redis database index no other test uses.
  ///   - postgresServer: the PostgreSQL server to make the database on; nil: the shared one.
  ///   - redisServer: the Redis server; nil: the shared one.
  init(redisDatabase: Int, postgresServer: String? = nil, redisServer: String? = nil) throws {
    serverURL = try postgresServer ?? #require(Self.environment["AITRADER_TEST_DATABASE_URL"])
    redisURL = try (redisServer ?? #require(Self.environment["AITRADER_TEST_REDIS_URL"])) + "/\(redisDatabase)"
    databaseName = "dist_\(UUID().uuidString.prefix(8).lowercased())"
    let pathStart = try #require(serverURL.lastIndex(of: "/"))
    databaseURL = String(serverURL[..<pathStart]) + "/\(databaseName)"
    directory = try RunningAITrader.temporaryDirectory()
    _ = try Self.tool(["psql", serverURL, "-q", "-c", "CREATE DATABASE \(databaseName)"])
    _ = try redis("FLUSHDB")
    _ = try Self.tool([try RunningAITrader.executable().path, "initdb", "--database-url", databaseURL])
  }

  func remove() {
    try? FileManager.default.removeItem(at: directory)
    _ = try? Self.tool(["psql", serverURL, "-q", "-c", "DROP DATABASE IF EXISTS \(databaseName) WITH (FORCE)"])
  }

  /// The environment a component process of this rig gets.
  var environment: [String: String] {
    ["REDIS_URL": redisURL, "DATABASE_URL": databaseURL, "AITRADER_NEWS_GENERATOR": "false"]
  }

  /// Starts `aitrader serve <component> --name <name>` against the rig.
  func serve(
    _ component: String, name: String, environment extra: [String: String] = [:]
  ) async throws -> RunningAITrader {
    try await RunningAITrader.start(
      dataDirectory: directory, arguments: ["--name", name], environment: environment.merging(extra) { _, new in new },
      label: name, serving: component)
  }

  /// Starts `aitrader serve <component> --name <name>` for each pair, in order; when one does not
  /// start, those started already are stopped before the error is thrown.
  func serveAll(
    _ components: [(component: String, name: String)], environment extra: [String: String] = [:]
  ) async throws -> [RunningAITrader] {
    var started: [RunningAITrader] = []
    do {
      for (component, name) in components {
        started.append(try await serve(component, name: name, environment: extra))
      }
    } catch {
      started.forEach { $0.forceStop() }
      throw error
    }
    return started
  }

  /// The end of every process's output, for a failed expectation.
  static func diagnostics(_ processes: [RunningAITrader]) -> String {
    processes.map { $0.diagnostics() }.joined(separator: "\n")
  }

  /// The single number a SQL query answers.
  func count(_ query: String) throws -> Int {
    let text = try Self.tool(["psql", databaseURL, "-tA", "-c", query])
    return try #require(Int(text), "psql answered '\(text)' to \(query)")
  }

  /// What `redis-cli` answers to `arguments` on the rig's database. (`redis-cli` reads a
  /// password without a user name as user "", so the default user is named.)
  func redis(_ arguments: String...) throws -> String {
    let url = redisURL.replacingOccurrences(of: "redis://:", with: "redis://default:")
    return try Self.tool(["redis-cli", "--no-auth-warning", "-u", url] + arguments)
  }

  /// Runs a command line tool and answers what it printed; throws when it fails.
  static func tool(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    guard process.terminationStatus == 0 else {
      throw RunningAITrader.Failure(description: "\(arguments.joined(separator: " ")): \(text)")
    }
    return text.trimmingCharacters(in: .whitespacesAndNewlines)
  }
}

/// The tests that start `aitrader` processes on the shared servers, one suite at a time: their
/// processes, and the connections those hold, would otherwise pile up on two cores and one
/// PostgreSQL beside the rest of the suite.
@Suite(.serialized, .enabled(if: DistributedRig.serversAreSet, "needs the servers of scripts/test_servers.sh"))
struct ComponentProcessTests {}
