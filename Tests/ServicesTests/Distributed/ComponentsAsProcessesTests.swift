import Foundation
import Testing

/// The pipeline as processes of their own — pattern-engine, two strategy-engines, execution, api —
/// trading through Redis and PostgreSQL, seen through the API: `/api/status` finds every instance
/// by its heartbeats and reads its `/health`, and sees an instance that stops beating.
extension ComponentProcessTests {
  @Suite struct ComponentsAsProcessesTests {
    /// `/api/status` with each component's details.
    struct Status: Decodable {
      struct Component: Decodable {
        var status: String
        var details: [String: LenientJSON]
      }
      var components: [String: Component]
    }

    /// Any JSON value, with the numbers and objects a test reads.
    enum LenientJSON: Decodable {
      case number(Double)
      case object([String: LenientJSON])
      case other

      init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
          self = .number(number)
        } else if let object = try? container.decode([String: LenientJSON].self) {
          self = .object(object)
        } else {
          self = .other
        }
      }

      var number: Double? {
        if case .number(let value) = self { return value }
        return nil
      }

      var object: [String: LenientJSON] {
        if case .object(let value) = self { return value }
        return [:]
      }
    }

    @Test func tradesAcrossProcessesAndStatusSeesADeadInstance() async throws {
      let rig = try DistributedRig(redisDatabase: 8)
      defer { rig.remove() }
      let settings = [
        "AITRADER_TICK_RATE": "100", "AITRADER_LOG_LEVEL": "warning", "AITRADER_HEARTBEAT_SECONDS": "0.5",
      ]
      let started = try await rig.serveAll(
        [
          ("execution", "execution-1"), ("strategy-engine", "strategy-a"), ("strategy-engine", "strategy-b"),
          ("api", "api-1"), ("pattern-engine", "pattern-1"),
        ], environment: settings)
      defer { started.forEach { $0.forceStop() } }
      let processes = Dictionary(uniqueKeysWithValues: started.map { ($0.label, $0) })
      let api = try #require(processes["api-1"])
      let all = { DistributedRig.diagnostics(started) }

      // Every component's own /health and /metrics answer on its own port (the API's /health is the
      // system's, as in one process).
      for (name, process) in processes {
        let health = try await process.get("/health")
        #expect(health.status == 200, "\(name): \(health.body)")
        #expect(name == "api-1" || health.body.contains("\"instance\":\"\(name)\""), "\(name): \(health.body)")
        #expect(try await process.get("/metrics").status == 200, "\(name) /metrics")
      }

      let traded = await api.eventually(timeout: .seconds(120)) {
        try await api.getJSON("/api/fills?limit=3", as: PageBody<FillBody>.self).items.count >= 3
      }
      #expect(traded, "no fills through the API within 120 s\n\(all())")
      let orders = try await api.getJSON("/api/orders?limit=20", as: PageBody<OrderBody>.self).items
      #expect(!orders.isEmpty && orders.allSatisfy { "O-\($0.signalId ?? "")" == $0.id })

      let healthy = await api.eventually(timeout: .seconds(30)) {
        let status = try await api.getJSON("/api/status", as: Status.self).components
        return ["pattern_engine", "strategy_engine", "execution", "broker", "store", "event_bus"].allSatisfy {
          status[$0]?.status == "ok"
        } && status["strategy_engine"]?.details["alive"]?.number == 2
      }
      #expect(healthy, "every component ok with two strategy engines alive\n\(all())")
      let status = try await api.getJSON("/api/status", as: Status.self).components
      let strategies = status["strategy_engine"]?.details["instances"]?.object ?? [:]
      #expect(Set(strategies.keys) == ["strategy-a", "strategy-b"])
      let decided = strategies.values.compactMap { $0.object["details"]?.object["signals_read"]?.number }
      #expect(decided.count == 2, "each instance's own /health details are shown")
      #expect(status["event_bus"]?.details["signals:global.strategy.lag"]?.number != nil)

      // One strategy engine dies: the status sees it within a few missed beats; the other trades on.
      processes["strategy-b"]?.forceStop()
      let seenDead = await api.eventually(timeout: .seconds(20)) {
        let strategy = try await api.getJSON("/api/status", as: Status.self).components["strategy_engine"]
        return strategy?.status == "degraded" && strategy?.details["dead"]?.number == 1
          && strategy?.details["alive"]?.number == 1
      }
      #expect(seenDead, "a dead strategy engine shows as degraded\n\(all())")
      processes["strategy-a"]?.forceStop()
      let allDead = await api.eventually(timeout: .seconds(20)) {
        try await api.getJSON("/api/status", as: Status.self).components["strategy_engine"]?.status == "error"
      }
      #expect(allDead, "no live strategy engine shows as error")
      for name in ["pattern-1", "api-1", "execution-1"] {
        #expect(try await processes[name]?.terminate() == 0, "\(name) stops cleanly on SIGTERM")
      }
      // A process that stopped on SIGTERM took its own consumer groups with it; the killed strategy
      // engines left theirs; the shared groups stay.
      let tickGroups = try rig.redis("XINFO", "GROUPS", "ticks")
      #expect(tickGroups.contains("ticks-strategy-a") && tickGroups.contains("ticks-strategy-b"), "\(tickGroups)")
      #expect(!tickGroups.contains("ticks-api-1") && !tickGroups.contains("ticks-execution-1"), "\(tickGroups)")
      let fillGroups = try rig.redis("XINFO", "GROUPS", "orders:fills")
      #expect(fillGroups.contains("portfolio-view-strategy-a") && fillGroups.contains("\nportfolio\n"), "\(fillGroups)")
      #expect(!fillGroups.contains("portfolio-view-api-1") && !fillGroups.contains("ws-orders:fills-api-1"))
      let beatGroups = try rig.redis("XINFO", "GROUPS", "system:heartbeat")
      #expect(!beatGroups.contains("heartbeat-api-1"), "\(beatGroups)")
    }
  }
}
