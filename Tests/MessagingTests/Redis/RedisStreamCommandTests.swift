import Messaging
import Testing

extension RealRedisServerTests {
  /// The typed stream commands against the shared server, each in RESP2 and RESP3, since the two
  /// protocols shape some replies differently (maps, nulls).
  @Suite
  struct RedisStreamCommandTests {
    static let protocols: [RedisProtocolVersion] = [.resp2, .resp3]

    private func client(_ version: RedisProtocolVersion) throws -> RedisClient {
      RedisClient(configuration: try RedisTestEnvironment.configuration(version))
    }

    @Test(arguments: protocols)
    func addReadAcknowledge(_ version: RedisProtocolVersion) async throws {
      let client = try client(version)
      defer { Task { await client.close() } }
      let stream = RedisTestEnvironment.uniquePrefix() + "signals"
      #expect(try await client.xgroupCreate(stream, group: "g", startAt: "0") == true)
      #expect(try await client.xgroupCreate(stream, group: "g", startAt: "$") == false, "BUSYGROUP means it exists")

      let first = try await client.xadd(stream, fields: ["id": "s1", "symbol": "AAPL"])
      let second = try await client.xadd(stream, fields: ["id": "s2", "symbol": "MSFT"])
      #expect(first < second)
      #expect(try await client.xlen(stream) == 2)

      let read = try await client.xreadgroup(group: "g", consumer: "c", stream: stream, count: 10)
      #expect(
        read == [
          RedisStreamEntry(id: first, fields: ["id": "s1", "symbol": "AAPL"]),
          RedisStreamEntry(id: second, fields: ["id": "s2", "symbol": "MSFT"]),
        ])
      #expect(try await client.xreadgroup(group: "g", consumer: "c", stream: stream, count: 10).isEmpty)
      let history = try await client.xreadgroup(group: "g", consumer: "c", stream: stream, count: 10, after: "0")
      #expect(history.map(\.id) == [first, second], "reading from 0 returns this consumer's pending entries")

      #expect(try await client.xack(stream, group: "g", ids: [first, first]) == 1)
      #expect(try await client.xack(stream, group: "g", ids: [first]) == 0)
      let summary = try await client.xpendingSummary(stream, group: "g")
      #expect(summary.count == 1 && summary.consumers == ["c": 1])
      #expect(summary.smallestID == second && summary.greatestID == second)
    }

    @Test(arguments: protocols)
    func blockingReadTimesOutWithNothing(_ version: RedisProtocolVersion) async throws {
      let client = try client(version)
      defer { Task { await client.close() } }
      let stream = RedisTestEnvironment.uniquePrefix() + "quiet"
      try await client.xgroupCreate(stream, group: "g", startAt: "$")
      let read = try await client.xreadgroup(
        group: "g", consumer: "c", stream: stream, count: 1, block: .milliseconds(50))
      #expect(read.isEmpty, "a timed-out BLOCK is a null reply")
    }

    @Test(arguments: protocols)
    func autoclaimAndPendingEntries(_ version: RedisProtocolVersion) async throws {
      let client = try client(version)
      defer { Task { await client.close() } }
      let stream = RedisTestEnvironment.uniquePrefix() + "orders"
      try await client.xgroupCreate(stream, group: "g", startAt: "0")
      var ids: [StreamEntryID] = []
      for number in 0..<3 { ids.append(try await client.xadd(stream, fields: ["n": String(number)])) }
      _ = try await client.xreadgroup(group: "g", consumer: "dead", stream: stream, count: 3)
      try await Task.sleep(for: .milliseconds(20))

      let notYet = try await client.xautoclaim(stream, group: "g", consumer: "alive", minIdle: .seconds(60), count: 10)
      #expect(notYet.entries.isEmpty && notYet.nextStart == .zero)
      let claimed = try await client.xautoclaim(
        stream, group: "g", consumer: "alive", minIdle: .milliseconds(10), count: 2)
      #expect(claimed.entries.map(\.id) == Array(ids.prefix(2)))
      #expect(claimed.entries.map { $0.fields["n"] } == ["0", "1"])
      #expect(claimed.nextStart == ids[2], "the cursor points at the next pending entry")
      #expect(claimed.deletedIDs.isEmpty)

      let rows = try await client.xpending(stream, group: "g", count: 10)
      #expect(rows.map(\.id) == ids)
      #expect(rows.map(\.consumer) == ["alive", "alive", "dead"])
      #expect(rows.map(\.deliveryCount) == [2, 2, 1])
      #expect(rows[2].idle >= .milliseconds(20))
      #expect(try await client.xpending(stream, group: "g", count: 10, consumer: "dead").map(\.id) == [ids[2]])
    }

    /// An entry trimmed away while pending is dropped from the pending list by `XAUTOCLAIM`
    /// (Redis 7) and reported as deleted.
    @Test(arguments: protocols)
    func autoclaimReportsTrimmedEntries(_ version: RedisProtocolVersion) async throws {
      let client = try client(version)
      defer { Task { await client.close() } }
      let stream = RedisTestEnvironment.uniquePrefix() + "trimmed"
      try await client.xgroupCreate(stream, group: "g", startAt: "0")
      let old = try await client.xadd(stream, fields: ["n": "old"])
      _ = try await client.xreadgroup(group: "g", consumer: "dead", stream: stream, count: 1)
      let kept = try await client.xadd(stream, fields: ["n": "new"], trim: .maxLength(1, approximate: false))
      #expect(try await client.xlen(stream) == 1)
      _ = try await client.xreadgroup(group: "g", consumer: "dead", stream: stream, count: 1)
      let claimed = try await client.xautoclaim(stream, group: "g", consumer: "alive", minIdle: .zero, count: 10)
      #expect(claimed.entries.map(\.id) == [kept])
      #expect(claimed.deletedIDs == [old])
      #expect(try await client.xpendingSummary(stream, group: "g").count == 1)
    }

    @Test(arguments: protocols)
    func infoReportsLagAndTheStream(_ version: RedisProtocolVersion) async throws {
      let client = try client(version)
      defer { Task { await client.close() } }
      let stream = RedisTestEnvironment.uniquePrefix() + "info"
      var ids: [StreamEntryID] = []
      for number in 0..<5 { ids.append(try await client.xadd(stream, fields: ["n": String(number)])) }
      try await client.xgroupCreate(stream, group: "g", startAt: "0")
      _ = try await client.xreadgroup(group: "g", consumer: "c", stream: stream, count: 2)

      let groups = try await client.xinfoGroups(stream)
      #expect(groups.count == 1)
      #expect(groups.first?.name == "g")
      #expect(groups.first?.pending == 2 && groups.first?.consumers == 1)
      #expect(groups.first?.lastDeliveredID == ids[1])
      #expect(groups.first?.lag == 3, "Redis 7 reports the lag")

      let info = try await client.xinfoStream(stream)
      #expect(info.length == 5 && info.groups == 1 && info.lastGeneratedID == ids[4])
      #expect(info.firstEntry == RedisStreamEntry(id: ids[0], fields: ["n": "0"]))
      #expect(info.lastEntry?.id == ids[4])
      #expect(info.entriesAdded == 5)
    }

    @Test(arguments: protocols)
    func trimRangeAndDelete(_ version: RedisProtocolVersion) async throws {
      let client = try client(version)
      defer { Task { await client.close() } }
      let stream = RedisTestEnvironment.uniquePrefix() + "ticks"
      var ids: [StreamEntryID] = []
      for number in 0..<10 { ids.append(try await client.xadd(stream, fields: ["n": String(number)])) }
      #expect(try await client.xtrim(stream, .minimumID(ids[4], approximate: false)) == 4)
      #expect(try await client.xrange(stream, count: 100).map(\.id) == Array(ids[4...]))
      #expect(try await client.xtrim(stream, .maxLength(2, approximate: false)) == 4)
      #expect(try await client.xlen(stream) == 2)
      #expect(try await client.exists(stream))
      #expect(try await client.del([stream, stream + ":missing"]) == 1)
      #expect(try await client.xlen(stream) == 0, "XLEN of a missing stream is 0")
    }

    @Test func missingGroupIsNOGROUP() async throws {
      let client = try client(.resp3)
      defer { Task { await client.close() } }
      let stream = RedisTestEnvironment.uniquePrefix() + "nowhere"
      await #expect {
        try await client.xreadgroup(group: "g", consumer: "c", stream: stream, count: 1)
      } throws: { ($0 as? RedisServerError)?.code == "NOGROUP" }
    }
  }
}
