import Foundation
import TestServers
import Testing

/// `redis-server` restarted under the running components (pattern-engine, strategy-engine and
/// execution as processes of their own, on a Redis of this test's own with its append-only file):
/// every process reconnects by itself and trading goes on; once the source stops and the
/// consumers drain, nothing is left pending, no order is left undone, and every signal stored in
/// PostgreSQL is still in its stream — nothing acknowledged was lost.
extension ComponentProcessTests {
  @Suite struct RedisRestartTests {
    @Test func everyProcessReconnectsAndNothingIsLost() async throws {
      try await PrivateRedisServer.with { server in
        let rig = try DistributedRig(redisDatabase: 1, redisServer: server.url)
        defer { rig.remove() }
        let settings = [
          "AITRADER_RECLAIM_IDLE_SECONDS": "2", "AITRADER_TICK_RATE": "100", "AITRADER_LOG_LEVEL": "warning",
        ]
        let processes = try await rig.serveAll(
          [
            ("execution", "execution-1"), ("strategy-engine", "strategy-1"), ("pattern-engine", "pattern-1"),
          ], environment: settings)
        defer { processes.forEach { $0.forceStop() } }
        let (strategy, source) = (processes[1], processes[2])
        let traded = await source.eventually(timeout: .seconds(120)) {
          try rig.count("SELECT count(*) FROM fills") >= 3
        }
        #expect(traded, "no fills within 120 s\n\(DistributedRig.diagnostics(processes))")
        let before = try (
          signals: rig.count("SELECT count(*) FROM signals"), orders: rig.count("SELECT count(*) FROM orders"),
          fills: rig.count("SELECT count(*) FROM fills")
        )

        await server.stop()
        try await Task.sleep(for: .seconds(2))
        try await server.start()

        let flowing = await source.eventually(timeout: .seconds(120)) {
          try rig.count("SELECT count(*) FROM signals") > before.signals + 100
            && rig.count("SELECT count(*) FROM orders") > before.orders
            && rig.count("SELECT count(*) FROM fills") > before.fills
        }
        #expect(
          flowing,
          "trading did not go on after the restart\n\(DistributedRig.diagnostics(processes))")
        for process in processes {
          #expect(process.process.isRunning, "\(process.label) should have reconnected by itself")
        }

        // Stop the source and let the consumers drain.
        #expect(try await source.terminate() == 0)
        let drained = await strategy.eventually(timeout: .seconds(60)) {
          try ["signals:global strategy", "orders:decisions execution", "orders:fills portfolio"].allSatisfy { pair in
            let words = pair.split(separator: " ").map(String.init)
            return try rig.redis("XPENDING", words[0], words[1]).split(separator: "\n").first == "0"
          } && rig.count("SELECT count(*) FROM orders WHERE status = 'new'") == 0
        }
        #expect(drained, "entries left pending or orders left new after the restart")
        let stored = try rig.count("SELECT count(*) FROM signals")
        let streamed = try #require(Int(try rig.redis("XLEN", "signals:global")))
        #expect(streamed >= stored, "\(stored) signals stored but \(streamed) in the stream")
        let read = try await strategy.getJSON("/health", as: ComponentAnswer.self).component.details["signals_read"]
        #expect((read ?? 0) >= Double(stored), "the strategy read \(read ?? 0) of \(stored) signals")
        print("redis restart: \(stored) signals stored, \(streamed) in the stream, \(read ?? 0) read by the strategy")
        for process in processes.dropLast().reversed() {
          #expect(try await process.terminate() == 0, "\(process.label)")
        }
      }
    }
  }
}
