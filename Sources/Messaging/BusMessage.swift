/// One entry read from a stream: its id, the stream it came from and its fields.
///
/// Fields are strings, as in Redis; `Signal` and `BusEnvelope` give them meaning. A bus in this
/// process may also hand over the value the fields were made from (`carried`); two messages are
/// equal when id, stream and fields are.
public struct BusMessage: Sendable, Hashable {
  public var id: StreamEntryID
  public var stream: StreamName
  public var fields: [String: String]
  /// The value published with the entry (`EventBus.publish(to:entries:carrying:trim:)`), on its
  /// first delivery by a bus in the same process; nil otherwise. Equal to what its fields decode to.
  public var carried: (any Sendable)?

  public init(id: StreamEntryID, stream: StreamName, fields: [String: String], carried: (any Sendable)? = nil) {
    self.id = id
    self.stream = stream
    self.fields = fields
    self.carried = carried
  }

  public static func == (left: BusMessage, right: BusMessage) -> Bool {
    left.id == right.id && left.stream == right.stream && left.fields == right.fields
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(id)
    hasher.combine(stream)
    hasher.combine(fields)
  }
}

/// Where a new consumer group starts reading (`XGROUP CREATE … <id>`).
public enum GroupStart: Sendable, Hashable {
  /// Every entry still in the stream (`0`).
  case beginning
  /// Only entries published after the group is created (`$`): history is skipped.
  case newOnly
}

/// A group's pending entries list at a glance (`XPENDING key group`, plus the idle time of the
/// oldest entry that `XPENDING key group - + 1` reports): what monitoring needs to see a stuck or
/// dead consumer.
public struct PendingSummary: Sendable, Hashable {
  /// Entries delivered to some consumer and not acknowledged yet.
  public var count: Int
  /// The smallest pending id, nil when nothing is pending.
  public var oldestID: StreamEntryID?
  /// Time since the entry with `oldestID` was last delivered, nil when nothing is pending.
  public var oldestIdle: Duration?
  /// Pending entries per consumer; consumers with none are left out, as Redis does.
  public var consumers: [String: Int]

  public init(count: Int, oldestID: StreamEntryID?, oldestIdle: Duration?, consumers: [String: Int]) {
    self.count = count
    self.oldestID = oldestID
    self.oldestIdle = oldestIdle
    self.consumers = consumers
  }
}

/// One entry of a group's pending entries list (a row of `XPENDING key group - + count`).
public struct PendingEntry: Sendable, Hashable {
  public var id: StreamEntryID
  /// The consumer that holds it now: the last one it was delivered or claimed to.
  public var consumer: String
  /// Time since it was last delivered or claimed.
  public var idle: Duration
  /// How many times it was delivered: 1 on the first read, one more per claim. A count that keeps
  /// growing marks an entry that crashes its consumers.
  public var deliveryCount: Int

  public init(id: StreamEntryID, consumer: String, idle: Duration, deliveryCount: Int) {
    self.id = id
    self.consumer = consumer
    self.idle = idle
    self.deliveryCount = deliveryCount
  }
}
