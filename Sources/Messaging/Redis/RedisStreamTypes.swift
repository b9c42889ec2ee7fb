/// How `XADD` or `XTRIM` bounds a stream (https://redis.io/docs/latest/commands/xtrim/).
///
/// Approximate (`~`) by default: Redis then trims only whole macro nodes, which is much cheaper
/// and may keep some entries more than asked (never fewer).
public struct RedisStreamTrim: Sendable, Hashable {
  public enum Bound: Sendable, Hashable {
    /// Keep the newest `count` entries (`MAXLEN`).
    case maxLength(Int)
    /// Drop entries with ids below this one (`MINID`).
    case minimumID(StreamEntryID)
  }

  public var bound: Bound
  public var isApproximate: Bool

  public init(_ bound: Bound, approximate: Bool = true) {
    self.bound = bound
    self.isApproximate = approximate
  }

  public static func maxLength(_ count: Int, approximate: Bool = true) -> RedisStreamTrim {
    RedisStreamTrim(.maxLength(count), approximate: approximate)
  }

  public static func minimumID(_ id: StreamEntryID, approximate: Bool = true) -> RedisStreamTrim {
    RedisStreamTrim(.minimumID(id), approximate: approximate)
  }

  /// `MAXLEN ~ 1000` or `MINID ~ 1700000000000-0`.
  var arguments: [String] {
    let strategy: [String] =
      switch bound {
      case .maxLength(let count): ["MAXLEN", String(count)]
      case .minimumID(let id): ["MINID", id.description]
      }
    return [strategy[0], isApproximate ? "~" : "="] + [strategy[1]]
  }
}

/// One stream entry as `XREADGROUP`, `XAUTOCLAIM` and `XINFO STREAM` return it.
public struct RedisStreamEntry: Sendable, Hashable {
  public var id: StreamEntryID
  /// Field names are unique in our streams; a repeated name keeps its last value.
  public var fields: [String: String]

  public init(id: StreamEntryID, fields: [String: String]) {
    self.id = id
    self.fields = fields
  }
}

/// The reply of `XAUTOCLAIM`.
public struct RedisAutoClaimResult: Sendable, Hashable {
  /// Where the next call should start scanning; `0-0` when the whole pending list was scanned.
  public var nextStart: StreamEntryID
  public var entries: [RedisStreamEntry]
  /// Pending ids whose entries were trimmed away: Redis 7 removes them from the pending list and
  /// reports them here (empty on Redis 6.2).
  public var deletedIDs: [StreamEntryID]
}

/// The reply of `XPENDING key group`.
public struct RedisPendingSummary: Sendable, Hashable {
  public var count: Int
  public var smallestID: StreamEntryID?
  public var greatestID: StreamEntryID?
  /// Pending entries per consumer; consumers holding none are absent.
  public var consumers: [String: Int]
}

/// One row of `XPENDING key group start end count`.
public struct RedisPendingEntry: Sendable, Hashable {
  public var id: StreamEntryID
  public var consumer: String
  /// Time since the entry was last delivered, by the server's clock.
  public var idle: Duration
  public var deliveryCount: Int
}

/// One group of `XINFO GROUPS key`.
public struct RedisGroupInfo: Sendable, Hashable {
  public var name: String
  public var consumers: Int
  public var pending: Int
  public var lastDeliveredID: StreamEntryID
  /// Entries the group has read (Redis 7+); nil before Redis 7 or when Redis cannot tell.
  public var entriesRead: Int?
  /// Entries not yet delivered to the group (Redis 7+); nil before Redis 7, and on Redis 7 when
  /// it cannot be computed cheaply (entries were deleted with `XDEL` inside the unread range).
  public var lag: Int?
}

/// `XINFO STREAM key` (the summary form).
public struct RedisStreamInfo: Sendable, Hashable {
  public var length: Int
  public var lastGeneratedID: StreamEntryID
  public var groups: Int
  public var firstEntry: RedisStreamEntry?
  public var lastEntry: RedisStreamEntry?
  /// Every entry ever added (Redis 7+).
  public var entriesAdded: Int?
  /// The largest id removed by `XDEL` (Redis 7+).
  public var maxDeletedEntryID: StreamEntryID?
  /// The first id still in the stream as Redis tracks it (Redis 7+).
  public var recordedFirstEntryID: StreamEntryID?
}
