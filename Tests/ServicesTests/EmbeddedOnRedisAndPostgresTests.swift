import Foundation
import Services
import Testing

/// `aitrader run` with `REDIS_URL` and `DATABASE_URL`: the same pipeline on the real Redis
/// Streams bus and the real PostgreSQL store that `make test` starts, seen through the API, in
/// Redis and in the database.
@Suite(
  .serialized,
  .enabled(
    if: ProcessInfo.processInfo.environment["AITRADER_TEST_REDIS_URL"] != nil
      && ProcessInfo.processInfo.environment["AITRADER_TEST_DATABASE_URL"] != nil,
    "needs the servers of scripts/test_servers.sh"))
struct EmbeddedOnRedisAndPostgresTests {
  static let environment = ProcessInfo.processInfo.environment

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

  @Test func tradesThroughRedisAndStoresInPostgres() async throws {
    let serverURL = try #require(Self.environment["AITRADER_TEST_DATABASE_URL"])
    let redisURL = try #require(Self.environment["AITRADER_TEST_REDIS_URL"]) + "/5"
    let name = "e2e_\(UUID().uuidString.prefix(8).lowercased())"
    _ = try Self.tool(["psql", serverURL, "-q", "-c", "CREATE DATABASE \(name)"])
    let pathStart = try #require(serverURL.lastIndex(of: "/"))
    let databaseURL = String(serverURL[..<pathStart]) + "/\(name)"
    _ = try Self.tool(["redis-cli", "-u", redisURL, "FLUSHDB"])
    let dataDirectory = try RunningAITrader.temporaryDirectory()
    defer {
      try? FileManager.default.removeItem(at: dataDirectory)
      _ = try? Self.tool(["psql", serverURL, "-q", "-c", "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"])
    }

    let running = try await RunningAITrader.start(
      dataDirectory: dataDirectory, arguments: ["--tick-rate", "200", "--seed", "5"],
      environment: ["REDIS_URL": redisURL, "DATABASE_URL": databaseURL, "AITRADER_NEWS_GENERATOR": "false"],
      label: "redis-postgres")
    defer { running.forceStop() }
    let traded = await running.eventually(timeout: .seconds(120)) {
      let fills = try await running.getJSON("/api/fills?limit=5", as: PageBody<FillBody>.self)
      return fills.items.count >= 3
    }
    #expect(traded, "no fills within 120 s\n\(running.diagnostics())")
    let status = try await running.getJSON("/api/status", as: SystemStatus.self)
    #expect(status.components["store"]?.details["backend"] == "postgresql")
    #expect(status.components["store"]?.status == .ok)
    #expect(status.components["event_bus"]?.details["backend"] == "redis")
    #expect(status.components["event_bus"]?.status == .ok)
    #expect(try await running.terminate() == 0)

    // What the API showed is in PostgreSQL, and the streams are in Redis.
    let orders = try #require(Int(try Self.tool(["psql", databaseURL, "-tA", "-c", "SELECT count(*) FROM orders"])))
    let fills = try #require(Int(try Self.tool(["psql", databaseURL, "-tA", "-c", "SELECT count(*) FROM fills"])))
    #expect(orders >= 3 && fills >= 3)
    let signals = try #require(Int(try Self.tool(["redis-cli", "-u", redisURL, "XLEN", "signals:global"])))
    #expect(signals >= orders)
    let decisions = try #require(Int(try Self.tool(["redis-cli", "-u", redisURL, "XLEN", "orders:decisions"])))
    #expect(decisions >= orders)
  }
}
