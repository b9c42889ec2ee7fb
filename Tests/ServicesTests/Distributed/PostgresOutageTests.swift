import Foundation
import TestServers
import Testing

/// PostgreSQL stopped under the running components (`aitrader serve` pattern-engine,
/// strategy-engine, execution and api, on a server of this test's own): the API's routes that
/// read the store answer 503 JSON and `/api/status` shows the store in error, while `/health`
/// still answers; once the server is back, trading goes on without restarting any process.
extension ComponentProcessTests {
  @Suite struct PostgresOutageTests {
    @Test func storeOutageAnswers503AndEverythingRecovers() async throws {
      let server = try await PrivatePostgresServer.start()
      do {
        try await check(server)
      } catch {
        await server.remove()
        throw error
      }
      await server.remove()
    }

    private func check(_ server: PrivatePostgresServer) async throws {
      let rig = try DistributedRig(redisDatabase: 7, postgresServer: server.url)
      defer { rig.remove() }
      let settings = [
        "AITRADER_RECLAIM_IDLE_SECONDS": "2", "AITRADER_TICK_RATE": "100", "AITRADER_LOG_LEVEL": "warning",
      ]
      let processes = try await rig.serveAll(
        [
          ("execution", "execution-1"), ("strategy-engine", "strategy-1"), ("api", "api-1"),
          ("pattern-engine", "pattern-1"),
        ], environment: settings)
      defer { processes.forEach { $0.forceStop() } }
      let api = processes[2]
      let traded = await api.eventually(timeout: .seconds(120)) {
        try await api.getJSON("/api/fills?limit=3", as: PageBody<FillBody>.self).items.count >= 3
      }
      #expect(traded, "no fills within 120 s\n\(DistributedRig.diagnostics(processes))")
      let ordersBefore = try rig.count("SELECT count(*) FROM orders")

      try await server.stopServer()
      let unavailable = await api.eventually(timeout: .seconds(60)) {
        let answer = try await api.get("/api/orders?limit=5")
        return answer.status == 503 && answer.body.contains("\"error\"")
      }
      #expect(unavailable, "/api/orders should answer 503 JSON while PostgreSQL is down")
      for path in ["/api/signals", "/api/fills", "/api/signals?limit=1"] {
        let answer = try await api.get(path)
        #expect(answer.status == 503, "\(path) answered \(answer.status): \(answer.body)")
      }
      let status = try await api.getJSON("/api/status", as: SystemStatusBody.self)
      #expect(status.components["store"]?.status == "error", "store: \(String(describing: status.components["store"]))")
      #expect(try await api.get("/health").status == 200)
      try await Task.sleep(for: .seconds(3))

      try await server.startServer()
      let recovered = await api.eventually(timeout: .seconds(180)) {
        let listing = try await api.get("/api/orders?limit=1").status
        let store = try await api.getJSON("/api/status", as: SystemStatusBody.self).components["store"]?.status
        return try listing == 200 && store == "ok" && rig.count("SELECT count(*) FROM orders") > ordersBefore
      }
      #expect(recovered, "no new orders within 180 s of PostgreSQL's return")
      for process in processes {
        #expect(
          process.process.isRunning, "\(process.label) should have ridden out the outage\n\(process.diagnostics())")
      }
      // Nothing decided during the outage was lost: every order decided is executed once the
      // decisions are drained (none stays `new` for long).
      let settled = await api.eventually(timeout: .seconds(60)) {
        try rig.count(
          "SELECT count(*) FROM orders WHERE status = 'new' AND created_at_ns < (SELECT max(created_at_ns) FROM orders) - 5000000000"
        ) == 0
      }
      #expect(settled, "orders left new after the outage")
      for process in processes.reversed() { #expect(try await process.terminate() == 0, "\(process.label)") }
    }
  }
}

/// `/api/status` as these tests read it: each component's status.
struct SystemStatusBody: Decodable {
  struct Component: Decodable {
    var status: String
  }
  var components: [String: Component]
}
