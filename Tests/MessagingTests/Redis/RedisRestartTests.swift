import Foundation
import Messaging
import TestServers
import Testing

extension RealRedisServerTests {
  /// Reconnecting after the server restarts, with `AUTH` (an ACL user) and `SELECT 1` replayed.
  ///
  /// These tests stop and start a redis-server of their own (`PrivateRedisServer`) rather than the
  /// shared one, so that the tests running in parallel on the shared server — and other modules'
  /// tests — never see a restart they did not ask for. Serialized, so that at most one private
  /// server runs at a time.
  @Suite
  struct RedisRestartTests {
    @Test(arguments: [RedisProtocolVersion.resp2, .resp3])
    func reconnectsAfterARestartReplayingAuthAndSelect(_ version: RedisProtocolVersion) async throws {
      try await PrivateRedisServer.with { server in
        let client = RedisClient(configuration: try server.configuration(version))
        defer { Task { await client.close() } }
        try await client.send(RedisCommand("SET", "where", "db1"))
        #expect(try await client.send(RedisCommand("ACL", "WHOAMI")).string == "trader")

        await server.stop()
        // Let the client see the connection close: a command sent in the instant before that would
        // fail with `connectionLost` (it was in flight on a dying connection), which is right but
        // not what this test is about.
        try await Task.sleep(for: .milliseconds(100))
        // Issued while the server is down: it waits for the reconnect instead of failing.
        let whileDown = Task { try await client.send(RedisCommand("GET", "where")) }
        try await Task.sleep(for: .milliseconds(200))
        try await server.start()
        #expect(try await whileDown.value.string == "db1", "SELECT 1 was replayed, and the data survived (AOF)")
        #expect(try await client.send(RedisCommand("ACL", "WHOAMI")).string == "trader", "AUTH was replayed")
        #expect(try await client.negotiatedProtocol() == version, "HELLO was replayed")
      }
    }

    /// A server without `HELLO` (before Redis 6; here one with the command renamed away) is spoken
    /// to in RESP2, and the typed commands still work.
    @Test func fallsBackToRESP2WhenHELLOIsRefused() async throws {
      try await PrivateRedisServer.with(extraArguments: ["--rename-command", "HELLO", ""]) { server in
        let client = RedisClient(configuration: try server.configuration(.resp3))
        defer { Task { await client.close() } }
        #expect(try await client.negotiatedProtocol() == .resp2)
        let id = try await client.xadd("s", fields: ["k": "v"])
        try await client.xgroupCreate("s", group: "g", startAt: "0")
        #expect(try await client.xreadgroup(group: "g", consumer: "c", stream: "s", count: 1).map(\.id) == [id])
      }
    }

    @Test func aWrongPasswordIsAHandshakeError() async throws {
      try await PrivateRedisServer.with { server in
        var configuration = try RedisConfiguration(url: "redis://trader:wrong@127.0.0.1:\(server.port)")
        configuration.reconnectWait = .milliseconds(500)
        let client = RedisClient(configuration: configuration)
        defer { Task { await client.close() } }
        await #expect {
          try await client.ping()
        } throws: { error in
          guard case RedisClientError.notConnected(_, _, let lastError) = error else { return false }
          return lastError.contains("WRONGPASS") && !lastError.contains("wrong@")
        }
      }
    }

    /// The bus rides out a restart: what was published before it is still there, pending entries are
    /// still pending, a publish issued while the server is down completes once it is back, and
    /// nothing acknowledged comes back.
    @Test func theBusRidesOutARestart() async throws {
      try await PrivateRedisServer.with { server in
        let bus = RedisStreamsEventBus(configuration: try server.configuration())
        defer { Task { await bus.close() } }
        let stream = StreamName("signals:global")
        try await bus.createGroup(stream: stream, group: "strategy", startAt: .beginning)
        let ids = try await EventBusConformance.publishNumbered(10, to: stream, on: bus)
        let firstRead = try await bus.read(stream: stream, group: "strategy", consumer: "a", count: 4, block: nil)
        #expect(try await bus.acknowledge(stream: stream, group: "strategy", ids: firstRead.prefix(2).map(\.id)) == 2)

        await server.stop()
        let publishWhileDown = Task { try await bus.publish(to: stream, fields: ["n": "10"]) }
        try await Task.sleep(for: .milliseconds(200))
        try await server.start()
        let latest = try await publishWhileDown.value

        let rest = try await EventBusConformance.readAll(stream, group: "strategy", consumer: "b", on: bus)
        #expect(rest.map(\.id) == Array(ids[4...]) + [latest], "entries after the last delivery are still unread")
        let pending = try await bus.pendingEntries(stream: stream, group: "strategy", count: 100)
        #expect(pending.map(\.id) == Array(ids[2...]) + [latest], "nothing acknowledged came back; the rest is pending")
      }
    }
  }
}
