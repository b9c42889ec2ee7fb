import Foundation
import Services
import Testing

/// `aitrader run` with `REDIS_URL` and `DATABASE_URL`: the same pipeline on the real Redis
/// Streams bus and the real PostgreSQL store that `make test` starts, seen through the API, in
/// Redis and in the database.
extension ComponentProcessTests {
  @Suite struct EmbeddedOnRedisAndPostgresTests {
    @Test func tradesThroughRedisAndStoresInPostgres() async throws {
      let rig = try DistributedRig(redisDatabase: 5)
      defer { rig.remove() }
      let running = try await RunningAITrader.start(
        dataDirectory: rig.directory, arguments: ["--tick-rate", "200", "--seed", "5"], environment: rig.environment,
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
      let orders = try rig.count("SELECT count(*) FROM orders")
      let fills = try rig.count("SELECT count(*) FROM fills")
      #expect(orders >= 3 && fills >= 3)
      let signals = try #require(Int(try rig.redis("XLEN", "signals:global")))
      #expect(signals >= orders)
      let decisions = try #require(Int(try rig.redis("XLEN", "orders:decisions")))
      #expect(decisions >= orders)
    }
  }
}
