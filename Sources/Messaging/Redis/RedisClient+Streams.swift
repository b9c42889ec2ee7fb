/// Typed commands for what the event bus uses. Each is one Redis command, named in its comment
/// (https://redis.io/docs/latest/commands/?group=stream), reads the reply in RESP2 and RESP3
/// alike, and throws `RedisServerError` when Redis refuses it.
extension RedisClient {
  /// `PING`: the server's `PONG`.
  public func ping() async throws -> String {
    try ReplyDecoder(command: "PING").string(try await send(RedisCommand("PING")))
  }

  /// `XADD stream [MAXLEN|MINID ~ bound] * field value …`: appends an entry with a server-made id.
  ///
  /// Not idempotent: when the connection drops after Redis ran the command but before its reply
  /// arrived, the caller sees `connectionLost`, and publishing again appends the entry a second
  /// time under a new id. Consumers cover this by being idempotent on a key inside the entry (an
  /// order's id derives from its signal's id), as at-least-once delivery needs anyway.
  public func xadd(_ stream: String, fields: [String: String], trim: RedisStreamTrim? = nil) async throws
    -> StreamEntryID
  {
    try ReplyDecoder(command: "XADD").id(try await send(Self.xaddCommand(stream, fields: fields, trim: trim)))
  }

  /// `xadd` for each of `entries`, in order, written at once (pipelined): one round trip for all.
  /// The same caveat holds: after a lost connection some may have been appended.
  public func xadd(_ stream: String, entries: [[String: String]], trim: RedisStreamTrim? = nil) async throws
    -> [StreamEntryID]
  {
    guard !entries.isEmpty else { return [] }
    let replies = try await pipeline(entries.map { Self.xaddCommand(stream, fields: $0, trim: trim) })
    let decoder = ReplyDecoder(command: "XADD")
    return try replies.map { reply in
      if case .error(let error) = reply { throw error }
      return try decoder.id(reply)
    }
  }

  private static func xaddCommand(_ stream: String, fields: [String: String], trim: RedisStreamTrim?) -> RedisCommand {
    var arguments = [stream] + (trim?.arguments ?? []) + ["*"]
    arguments.reserveCapacity(arguments.count + fields.count * 2)
    // Sorted, so the same fields are stored in the same order whatever the dictionary's.
    for (field, value) in fields.sorted(by: { $0.key < $1.key }) { arguments += [field, value] }
    return RedisCommand("XADD", arguments)
  }

  /// `XGROUP CREATE stream group <start> [MKSTREAM]`; `start` is `0`, `$` or an id. Returns false
  /// when the group already existed (`BUSYGROUP`), which leaves it untouched.
  @discardableResult
  public func xgroupCreate(_ stream: String, group: String, startAt start: String, makeStream: Bool = true)
    async throws -> Bool
  {
    let arguments = ["CREATE", stream, group, start] + (makeStream ? ["MKSTREAM"] : [])
    do {
      try await send(RedisCommand("XGROUP", arguments))
      return true
    } catch let error as RedisServerError where error.code == "BUSYGROUP" {
      return false
    }
  }

  /// `XGROUP DESTROY stream group`: whether the group existed. A missing stream has none.
  @discardableResult
  public func xgroupDestroy(_ stream: String, group: String) async throws -> Bool {
    do {
      let reply = try await send(RedisCommand("XGROUP", ["DESTROY", stream, group]))
      return try ReplyDecoder(command: "XGROUP DESTROY").integer(reply) == 1
    } catch let error as RedisServerError where error.message.contains("requires the key to exist") {
      return false
    }
  }

  /// `XREADGROUP GROUP group consumer COUNT count [BLOCK ms] [NOACK] STREAMS stream <after>`: with
  /// `after` `>`, entries never delivered to the group; with an id, this consumer's pending entries
  /// after it. With `noAck` the entries delivered are not added to the pending entries list.
  /// `block` of nil or under a millisecond does not block (`BLOCK 0` would block forever). The
  /// command's timeout is extended by `block`; run blocking reads on a client of their own.
  public func xreadgroup(
    group: String, consumer: String, stream: String, count: Int, block: Duration? = nil, noAck: Bool = false,
    after: String = ">"
  ) async throws -> [RedisStreamEntry] {
    let blockMilliseconds = block.map { max(0, $0.wholeMilliseconds) } ?? 0
    var arguments = ["GROUP", group, consumer, "COUNT", String(count)]
    if blockMilliseconds > 0 { arguments += ["BLOCK", String(blockMilliseconds)] }
    if noAck { arguments.append("NOACK") }
    arguments += ["STREAMS", stream, after]
    let reply = try await send(
      RedisCommand("XREADGROUP", arguments), timeout: configuration.commandTimeout + .milliseconds(blockMilliseconds))
    let decoder = ReplyDecoder(command: "XREADGROUP")
    if reply.isNull { return [] }
    // RESP3: {stream: entries}; RESP2: [[stream, entries]].
    if case .map(let pairs) = reply { return try pairs.first.map { try decoder.entries($0.value) } ?? [] }
    guard let first = try decoder.array(reply).first else { return [] }
    let streamAndEntries = try decoder.array(first)
    guard streamAndEntries.count == 2 else { throw decoder.unexpected(reply) }
    return try decoder.entries(streamAndEntries[1])
  }

  /// `XACK stream group id …`: how many of `ids` were pending and are now acknowledged.
  public func xack(_ stream: String, group: String, ids: [StreamEntryID]) async throws -> Int {
    guard !ids.isEmpty else { return 0 }
    let reply = try await send(RedisCommand("XACK", [stream, group] + ids.map(\.description)))
    return try ReplyDecoder(command: "XACK").integer(reply)
  }

  /// `XAUTOCLAIM stream group consumer min-idle start COUNT count`. Redis looks at no more than
  /// `count × 10` pending entries per call, so fewer than `count` may come back while more are
  /// claimable: continue from `nextStart` until it is `0-0`.
  public func xautoclaim(
    _ stream: String, group: String, consumer: String, minIdle: Duration, start: StreamEntryID = .zero, count: Int
  ) async throws -> RedisAutoClaimResult {
    let arguments = [
      stream, group, consumer, String(max(0, minIdle.wholeMilliseconds)), start.description, "COUNT", String(count),
    ]
    let reply = try await send(RedisCommand("XAUTOCLAIM", arguments))
    let decoder = ReplyDecoder(command: "XAUTOCLAIM")
    let parts = try decoder.array(reply)
    guard parts.count >= 2 else { throw decoder.unexpected(reply) }
    let deleted =
      parts.count >= 3
      ? try decoder.arrayOrEmpty(parts[2]).map { element throws(RedisClientError) in try decoder.id(element) } : []
    return RedisAutoClaimResult(
      nextStart: try decoder.id(parts[0]), entries: try decoder.entries(parts[1]), deletedIDs: deleted)
  }

  /// `XPENDING stream group`: the pending list at a glance.
  public func xpendingSummary(_ stream: String, group: String) async throws -> RedisPendingSummary {
    let reply = try await send(RedisCommand("XPENDING", stream, group))
    let decoder = ReplyDecoder(command: "XPENDING")
    let parts = try decoder.array(reply)
    guard parts.count == 4 else { throw decoder.unexpected(reply) }
    var consumers: [String: Int] = [:]
    for row in try decoder.arrayOrEmpty(parts[3]) {
      let columns = try decoder.array(row)
      guard columns.count == 2 else { throw decoder.unexpected(reply) }
      consumers[try decoder.string(columns[0])] = try decoder.integer(columns[1])
    }
    return RedisPendingSummary(
      count: try decoder.integer(parts[0]), smallestID: try decoder.optionalID(parts[1]),
      greatestID: try decoder.optionalID(parts[2]), consumers: consumers)
  }

  /// `XPENDING stream group [IDLE ms] start end count [consumer]`: pending entries in id order.
  public func xpending(
    _ stream: String, group: String, start: String = "-", end: String = "+", count: Int, consumer: String? = nil,
    minIdle: Duration? = nil
  ) async throws -> [RedisPendingEntry] {
    var arguments = [stream, group]
    if let minIdle { arguments += ["IDLE", String(max(0, minIdle.wholeMilliseconds))] }
    arguments += [start, end, String(count)]
    if let consumer { arguments.append(consumer) }
    let reply = try await send(RedisCommand("XPENDING", arguments))
    let decoder = ReplyDecoder(command: "XPENDING")
    return try decoder.arrayOrEmpty(reply).map { row throws(RedisClientError) in
      let columns = try decoder.array(row)
      guard columns.count == 4 else { throw decoder.unexpected(row) }
      return RedisPendingEntry(
        id: try decoder.id(columns[0]), consumer: try decoder.string(columns[1]),
        idle: .milliseconds(try decoder.integer(columns[2])), deliveryCount: try decoder.integer(columns[3]))
    }
  }

  /// `XINFO GROUPS stream`: every group of the stream, with `lag` where the server has it.
  public func xinfoGroups(_ stream: String) async throws -> [RedisGroupInfo] {
    let reply = try await send(RedisCommand("XINFO", "GROUPS", stream))
    let decoder = ReplyDecoder(command: "XINFO GROUPS")
    return try decoder.arrayOrEmpty(reply).map { row throws(RedisClientError) in
      let info = try decoder.dictionary(row)
      guard let name = info["name"], let consumers = info["consumers"], let pending = info["pending"],
        let lastDelivered = info["last-delivered-id"]
      else { throw decoder.unexpected(row) }
      return RedisGroupInfo(
        name: try decoder.string(name), consumers: try decoder.integer(consumers),
        pending: try decoder.integer(pending), lastDeliveredID: try decoder.id(lastDelivered),
        entriesRead: try decoder.optionalInteger(info["entries-read"]), lag: try decoder.optionalInteger(info["lag"]))
    }
  }

  /// `XINFO STREAM stream`.
  public func xinfoStream(_ stream: String) async throws -> RedisStreamInfo {
    let reply = try await send(RedisCommand("XINFO", "STREAM", stream))
    let decoder = ReplyDecoder(command: "XINFO STREAM")
    let info = try decoder.dictionary(reply)
    guard let length = info["length"], let lastGenerated = info["last-generated-id"], let groups = info["groups"]
    else { throw decoder.unexpected(reply) }
    return RedisStreamInfo(
      length: try decoder.integer(length), lastGeneratedID: try decoder.id(lastGenerated),
      groups: try decoder.integer(groups), firstEntry: try info["first-entry"].flatMap(decoder.entry),
      lastEntry: try info["last-entry"].flatMap(decoder.entry),
      entriesAdded: try decoder.optionalInteger(info["entries-added"]),
      maxDeletedEntryID: try info["max-deleted-entry-id"].flatMap(decoder.optionalID),
      recordedFirstEntryID: try info["recorded-first-entry-id"].flatMap(decoder.optionalID))
  }

  /// `XTRIM stream MAXLEN|MINID ~ bound`: how many entries were removed.
  @discardableResult
  public func xtrim(_ stream: String, _ trim: RedisStreamTrim) async throws -> Int {
    try ReplyDecoder(command: "XTRIM").integer(try await send(RedisCommand("XTRIM", [stream] + trim.arguments)))
  }

  /// `XLEN stream`: entries in the stream; 0 when it does not exist.
  public func xlen(_ stream: String) async throws -> Int {
    try ReplyDecoder(command: "XLEN").integer(try await send(RedisCommand("XLEN", stream)))
  }

  /// `EXISTS key`.
  public func exists(_ key: String) async throws -> Bool {
    try ReplyDecoder(command: "EXISTS").integer(try await send(RedisCommand("EXISTS", key))) == 1
  }

  /// `DEL key …`: how many of the keys existed.
  @discardableResult
  public func del(_ keys: [String]) async throws -> Int {
    guard !keys.isEmpty else { return 0 }
    return try ReplyDecoder(command: "DEL").integer(try await send(RedisCommand("DEL", keys)))
  }
}

extension RedisClient {
  /// `XRANGE stream start end COUNT count`: entries with ids in `[start, end]`, oldest first;
  /// `start` and `end` are ids or `-` / `+`.
  public func xrange(_ stream: String, start: String = "-", end: String = "+", count: Int) async throws
    -> [RedisStreamEntry]
  {
    let reply = try await send(RedisCommand("XRANGE", stream, start, end, "COUNT", String(count)))
    return try ReplyDecoder(command: "XRANGE").entries(reply)
  }
}
