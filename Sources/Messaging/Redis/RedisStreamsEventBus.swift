import Foundation
import Synchronization

/// The event bus of the distributed mode: Redis Streams with consumer groups (DESIGN.md §4), each
/// `EventBus` method one Redis command. It passes the conformance suite the in-process bus passes,
/// so a component tested on one behaves the same on the other.
///
/// - Non-blocking commands share one pipelined connection; every blocking read gets a connection
///   of its own (`BlockingClientPool`), so a consumer waiting for entries never delays a publish.
/// - When Redis restarts, the connections come back by themselves (`RedisClient`). A command that
///   was in flight when its connection dropped is sent again once (`retriesAfterConnectionLoss`).
///   That is safe for every command here under at-least-once delivery: `XACK` and
///   `XGROUP CREATE` are idempotent; entries a lost `XREADGROUP` or `XAUTOCLAIM` reply delivered
///   stay pending and are reclaimed; and an `XADD` whose reply was lost appends its entry again,
///   which consumers absorb by being idempotent (an order's id derives from its signal's id).
/// - `maxAge` trimming computes its `MINID` from this process's clock, so clock skew between
///   publisher and server shifts the cutoff by the skew.
/// - Errors: `EventBusError` where the in-process bus has one (`NOGROUP` becomes `noSuchStream` or
///   `noSuchGroup`, after an `EXISTS` to tell which); transport failures stay `RedisClientError`
///   (`notConnected`, `timedOut`, `connectionLost` after the retries), since no `EventBusError`
///   case says "the server is unreachable".
public final class RedisStreamsEventBus: EventBus {
  private let client: RedisClient
  private let blockingClients: BlockingClientPool
  private let nowMilliseconds: InProcessEventBus.MillisecondClock
  private let retriesAfterConnectionLoss: Int
  private let isClosed = Atomic(false)

  /// A bus on the Redis that `configuration` names. Nothing connects until the first call.
  public init(
    configuration: RedisConfiguration, retriesAfterConnectionLoss: Int = 1,
    nowMilliseconds: @escaping InProcessEventBus.MillisecondClock = InProcessEventBus.systemClock
  ) {
    self.client = RedisClient(configuration: configuration)
    self.blockingClients = BlockingClientPool(configuration: configuration)
    self.retriesAfterConnectionLoss = retriesAfterConnectionLoss
    self.nowMilliseconds = nowMilliseconds
  }

  /// A bus on `redis://[user:password@]host[:port][/db]` (the `REDIS_URL` of the distributed mode).
  public convenience init(url: String) throws(RedisClientError) {
    self.init(configuration: try RedisConfiguration(url: url))
  }

  /// Connects now, so that a wrong address or password shows at start-up.
  public func connect() async throws {
    try await client.connect()
  }

  public func publish(to stream: StreamName, fields: [String: String], trim: StreamTrimPolicy) async throws
    -> StreamEntryID
  {
    let redisTrim = try publishable(stream, entries: [fields], trim: trim)
    return try await withRetries(stream: stream, group: nil) {
      try await client.xadd(stream.rawValue, fields: fields, trim: redisTrim)
    }
  }

  /// Pipelined `XADD`s: every entry written at once, one round trip for all.
  public func publish(to stream: StreamName, entries: [[String: String]], trim: StreamTrimPolicy) async throws
    -> [StreamEntryID]
  {
    let redisTrim = try publishable(stream, entries: entries, trim: trim)
    return try await withRetries(stream: stream, group: nil) {
      try await client.xadd(stream.rawValue, entries: entries, trim: redisTrim)
    }
  }

  /// Checks a publication's arguments and answers its trim in Redis terms.
  private func publishable(
    _ stream: StreamName, entries: [[String: String]], trim: StreamTrimPolicy
  ) throws -> RedisStreamTrim {
    try ensureOpen()
    try Validate.name(stream.rawValue, "stream name")
    guard entries.allSatisfy({ !$0.isEmpty }) else {
      throw EventBusError.invalidArgument("an entry needs at least one field")
    }
    if let reason = trim.invalidReason { throw EventBusError.invalidArgument(reason) }
    return switch trim {
    case .maxLength(let count): .maxLength(count)
    case .maxAge: .minimumID(trim.minimumID(nowMilliseconds: nowMilliseconds()) ?? .zero)
    }
  }

  public func createGroup(stream: StreamName, group: String, startAt: GroupStart) async throws {
    try ensureOpen()
    try Validate.name(stream.rawValue, "stream name")
    try Validate.name(group, "group name")
    let start = startAt == .beginning ? "0" : "$"
    _ = try await withRetries(stream: stream, group: group) {
      try await client.xgroupCreate(stream.rawValue, group: group, startAt: start, makeStream: true)
    }
  }

  public func destroyGroup(stream: StreamName, group: String) async throws -> Bool {
    try ensureOpen()
    try Validate.name(stream.rawValue, "stream name")
    try Validate.name(group, "group name")
    return try await withRetries(stream: stream, group: group) {
      try await client.xgroupDestroy(stream.rawValue, group: group)
    }
  }

  public func read(
    stream: StreamName, group: String, consumer: String, count: Int, block: Duration?, acknowledgedOnDelivery: Bool
  ) async throws -> [BusMessage] {
    try ensureOpen()
    // Under a millisecond means no wait, since Redis reads `BLOCK 0` as "forever".
    let blockFor =
      try Validate.readArguments(group: group, consumer: consumer, count: count, block: block) ?? .zero
    let entries =
      blockFor.wholeMilliseconds < 1
      ? try await withRetries(stream: stream, group: group) {
        try await client.xreadgroup(
          group: group, consumer: consumer, stream: stream.rawValue, count: count, noAck: acknowledgedOnDelivery)
      }
      : try await blockingRead(
        stream: stream, group: group, consumer: consumer, count: count, block: blockFor,
        noAck: acknowledgedOnDelivery)
    return entries.map { BusMessage(id: $0.id, stream: stream, fields: $0.fields) }
  }

  public func acknowledge(stream: StreamName, group: String, ids: [StreamEntryID]) async throws -> Int {
    try ensureOpen()
    try Validate.name(group, "group name")
    return try await withRetries(stream: stream, group: group) {
      try await client.xack(stream.rawValue, group: group, ids: ids)
    }
  }

  /// `XAUTOCLAIM` from `0-0`, continued from each reply's cursor until `count` entries are claimed
  /// or the whole pending list was scanned: one call looks at no more than `count × 10` pending
  /// entries, and the contract promises up to `count` whenever that many are idle.
  public func claimIdle(
    stream: StreamName, group: String, consumer: String, minIdle: Duration, count: Int
  ) async throws -> [BusMessage] {
    try ensureOpen()
    try Validate.name(consumer, "consumer name")
    try Validate.atLeastOne(count, "count")
    guard minIdle >= .zero else { throw EventBusError.invalidArgument("minIdle must not be negative, got \(minIdle)") }
    var claimed: [BusMessage] = []
    var start = StreamEntryID.zero
    repeat {
      let (scanFrom, wanted) = (start, count - claimed.count)
      let result = try await withRetries(stream: stream, group: group) {
        try await client.xautoclaim(
          stream.rawValue, group: group, consumer: consumer, minIdle: minIdle, start: scanFrom, count: wanted)
      }
      claimed += result.entries.map { BusMessage(id: $0.id, stream: stream, fields: $0.fields) }
      start = result.nextStart
    } while start != .zero && claimed.count < count
    return claimed
  }

  /// `XPENDING stream group`, then `XPENDING stream group - + 1` for the oldest entry's idle time.
  /// The oldest id is taken from the second reply, so id and idle time always describe the same
  /// entry even when an acknowledgement lands between the two commands.
  public func pending(stream: StreamName, group: String) async throws -> PendingSummary {
    try ensureOpen()
    try Validate.name(group, "group name")
    return try await withRetries(stream: stream, group: group) {
      let summary = try await client.xpendingSummary(stream.rawValue, group: group)
      let oldest = summary.count > 0 ? try await client.xpending(stream.rawValue, group: group, count: 1).first : nil
      return PendingSummary(
        count: summary.count, oldestID: oldest?.id ?? summary.smallestID, oldestIdle: oldest?.idle,
        consumers: summary.consumers)
    }
  }

  public func pendingEntries(stream: StreamName, group: String, count: Int) async throws -> [PendingEntry] {
    try ensureOpen()
    try Validate.name(group, "group name")
    try Validate.atLeastOne(count, "count")
    return try await withRetries(stream: stream, group: group) {
      try await client.xpending(stream.rawValue, group: group, count: count).map {
        PendingEntry(id: $0.id, consumer: $0.consumer, idle: $0.idle, deliveryCount: $0.deliveryCount)
      }
    }
  }

  public func streamLength(_ stream: StreamName) async throws -> Int {
    try ensureOpen()
    return try await withRetries(stream: stream, group: nil) { try await client.xlen(stream.rawValue) }
  }

  /// The `lag` of `XINFO GROUPS` (Redis 7+). Where the server has none — before Redis 7, or when
  /// `XDEL` left holes in the unread range — the entries after the group's last delivered id are
  /// counted with `XRANGE`, which costs time proportional to the lag.
  public func groupLag(stream: StreamName, group: String) async throws -> Int {
    try ensureOpen()
    try Validate.name(group, "group name")
    let info = try await withRetries(stream: stream, group: group) {
      do {
        return try await client.xinfoGroups(stream.rawValue).first { $0.name == group }
      } catch let error as RedisServerError where error.message.hasPrefix("ERR no such key") {
        throw EventBusError.noSuchStream(stream)
      }
    }
    guard let info else { throw EventBusError.noSuchGroup(stream: stream, group: group) }
    if let lag = info.lag { return lag }
    return try await countEntries(in: stream, after: info.lastDeliveredID)
  }

  public func close() async {
    guard !isClosed.exchange(true, ordering: .sequentiallyConsistent) else { return }
    await blockingClients.closeAll()
    await client.close()
  }

  // MARK: - Helpers

  /// A read that waits on the server, on a connection of its own. Cancelling the task closes that
  /// connection, which is what ends the wait on the server, and throws `CancellationError`. A
  /// read sent again after a connection loss waits only for what is left of `block`.
  private func blockingRead(
    stream: StreamName, group: String, consumer: String, count: Int, block: Duration, noAck: Bool
  ) async throws -> [RedisStreamEntry] {
    let reader = try blockingClients.lease()
    let pool = blockingClients
    let deadline = ContinuousClock.now + block
    do {
      let entries = try await withTaskCancellationHandler {
        try await withRetries(stream: stream, group: group) {
          try Task.checkCancellation()
          let remaining = deadline - ContinuousClock.now
          guard remaining >= .milliseconds(1) else { return [RedisStreamEntry]() }
          return try await reader.xreadgroup(
            group: group, consumer: consumer, stream: stream.rawValue, count: count, block: remaining, noAck: noAck)
        }
      } onCancel: {
        Task { await pool.discard(reader) }
      }
      await pool.giveBack(reader)
      return entries
    } catch {
      await pool.discard(reader)
      if Task.isCancelled && !isClosed.load(ordering: .sequentiallyConsistent) { throw CancellationError() }
      throw error
    }
  }

  /// Counts entries with ids after `id` in pages, for `groupLag` where Redis has no `lag`.
  private func countEntries(in stream: StreamName, after id: StreamEntryID) async throws -> Int {
    var total = 0
    var start = id.successor
    while true {
      let page = try await withRetries(stream: stream, group: nil) {
        try await client.xrange(stream.rawValue, start: start.description, count: 1_000)
      }
      total += page.count
      guard page.count == 1_000, let last = page.last else { return total }
      start = last.id.successor
    }
  }

  /// Runs `command`, sending it again after a connection loss, and turns Redis's errors into the
  /// bus's.
  private func withRetries<Result>(
    stream: StreamName, group: String?, _ command: () async throws -> Result
  ) async throws -> Result {
    var attempt = 0
    while true {
      do {
        return try await command()
      } catch RedisClientError.connectionLost where attempt < retriesAfterConnectionLoss && !isClosedNow {
        attempt += 1
      } catch {
        throw await translated(error, stream: stream, group: group)
      }
    }
  }

  private func translated(_ error: any Error, stream: StreamName, group: String?) async -> any Error {
    if isClosedNow { return EventBusError.closed }
    if let server = error as? RedisServerError, server.code == "NOGROUP", let group {
      // Redis says "no such key or consumer group"; the in-process bus says which.
      let streamExists = (try? await client.exists(stream.rawValue)) ?? true
      return streamExists ? EventBusError.noSuchGroup(stream: stream, group: group) : EventBusError.noSuchStream(stream)
    }
    return error
  }

  private var isClosedNow: Bool { isClosed.load(ordering: .sequentiallyConsistent) }

  private func ensureOpen() throws {
    if isClosedNow { throw EventBusError.closed }
  }
}
