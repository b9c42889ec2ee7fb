import Messaging
import NIOCore
import Testing

extension RealRedisServerTests {
  /// The client against the shared real server: pipelining, timeouts, the typed stream commands in
  /// both protocol versions. Every test works on keys with its own prefix, so they run in parallel.
  @Suite
  struct RedisClientTests {
    @Test(arguments: [RedisProtocolVersion.resp2, .resp3])
    func negotiatesTheProtocolAskedFor(_ version: RedisProtocolVersion) async throws {
      let client = RedisClient(configuration: try RedisTestEnvironment.configuration(version))
      defer { Task { await client.close() } }
      #expect(try await client.ping() == "PONG")
      #expect(try await client.negotiatedProtocol() == version)
      let hello = try await client.send(RedisCommand("HELLO"))
      #expect(hello.dictionary?["proto"]?.integer == Int64(version.rawValue))
    }

    /// 10,000 commands in one write come back in order, and so do 10,000 sent concurrently by
    /// separate tasks, each of which must get its own reply.
    @Test func pipelinedRepliesComeBackInOrder() async throws {
      let client = RedisClient(configuration: try RedisTestEnvironment.configuration())
      defer { Task { await client.close() } }
      let counter = RedisTestEnvironment.uniquePrefix() + "counter"
      let replies = try await client.pipeline((0..<10_000).map { _ in RedisCommand("INCR", counter) })
      #expect(replies.map(\.integer) == (1...10_000).map { Int64($0) })

      let echoes = try await withThrowingTaskGroup(of: Bool.self) { group in
        for number in 0..<10_000 {
          group.addTask {
            try await client.send(RedisCommand("ECHO", "message \(number)")).string == "message \(number)"
          }
        }
        return try await group.reduce(into: [Bool]()) { $0.append($1) }
      }
      #expect(echoes.count == 10_000 && echoes.allSatisfy { $0 }, "every concurrent command got its own reply")
    }

    @Test func errorRepliesAreTypedAndLeaveTheConnectionWorking() async throws {
      let client = RedisClient(configuration: try RedisTestEnvironment.configuration())
      defer { Task { await client.close() } }
      await #expect(throws: RedisServerError.self) { try await client.send(["NO-SUCH-COMMAND"]) }
      await #expect(throws: RedisClientError.invalidCommand("no command given")) { try await client.send([]) }
      let replies = try await client.pipeline([RedisCommand("PING"), RedisCommand("XLEN"), RedisCommand("PING")])
      #expect(replies[0] == .simpleString("PONG") && replies[2] == .simpleString("PONG"))
      #expect(replies[1].error?.code == "ERR", "one bad command in a pipeline fails alone")
    }

    /// A command the server does not answer in time fails with `timedOut`; the connection is
    /// replaced and the next command works.
    @Test func aSlowCommandTimesOutAndTheClientRecovers() async throws {
      let client = RedisClient(configuration: try RedisTestEnvironment.configuration())
      defer { Task { await client.close() } }
      let key = RedisTestEnvironment.uniquePrefix() + "never-filled"
      do {
        try await client.send(RedisCommand("BLPOP", key, "5"), timeout: .milliseconds(200))
        Issue.record("BLPOP returned before any element was pushed")
      } catch let error as RedisClientError {
        guard case .timedOut(let command, _) = error else {
          Issue.record("\(error)")
          return
        }
        #expect(command == "BLPOP")
      }
      #expect(try await client.ping() == "PONG")
    }

    @Test func aCommandWhileTheServerIsUnreachableFailsClearly() async throws {
      var configuration = try RedisConfiguration(url: "redis://127.0.0.1:1")
      configuration.reconnectWait = .milliseconds(300)
      let client = RedisClient(configuration: configuration)
      defer { Task { await client.close() } }
      await #expect {
        try await client.ping()
      } throws: { error in
        guard case RedisClientError.notConnected(let endpoint, _, _) = error else { return false }
        return endpoint == "127.0.0.1:1"
      }
    }

    @Test func aClosedClientRefusesCommands() async throws {
      let client = RedisClient(configuration: try RedisTestEnvironment.configuration())
      #expect(try await client.ping() == "PONG")
      await client.close()
      await #expect(throws: RedisClientError.closed) { try await client.ping() }
    }

    /// A reply beyond the parser's limits closes the connection with `protocolViolation` instead of
    /// being buffered; the client reconnects for the next command.
    @Test func aReplyBeyondTheLimitsIsRefused() async throws {
      var configuration = try RedisTestEnvironment.configuration()
      configuration.parserLimits.maxBulkLength = 16
      let client = RedisClient(configuration: configuration)
      defer { Task { await client.close() } }
      await #expect(throws: RedisClientError.protocolViolation(.bulkTooLong(length: 40, limit: 16))) {
        try await client.send(RedisCommand("ECHO", String(repeating: "x", count: 40)))
      }
      #expect(try await client.send(RedisCommand("ECHO", "short")).string == "short")
    }

    @Test func selectsTheDatabaseOfTheURL() async throws {
      var database1 = try RedisTestEnvironment.configuration()
      database1.database = 1
      let inDatabase1 = RedisClient(configuration: database1)
      let inDatabase0 = RedisClient(configuration: try RedisTestEnvironment.configuration())
      defer {
        Task {
          await inDatabase1.close(); await inDatabase0.close()
        }
      }
      let key = RedisTestEnvironment.uniquePrefix() + "where"
      try await inDatabase1.send(RedisCommand("SET", key, "db1"))
      #expect(try await inDatabase1.send(RedisCommand("GET", key)).string == "db1")
      #expect(try await inDatabase0.send(RedisCommand("GET", key)) == .null)
    }
  }
}
