/// The event bus that carries signals, order decisions, fills and heartbeats between components
/// (DESIGN.md §4). Components depend on this protocol only, so the same code runs embedded on
/// `InProcessEventBus` and distributed on Redis Streams.
///
/// Delivery is at least once. A consumer reads with a consumer group, does its work, stores the
/// effect, then acknowledges; an entry whose consumer died stays pending and another consumer
/// reclaims it with `claimIdle`. Consumers must therefore be idempotent.
///
/// Each method is one Redis command, named in its comment, and keeps that command's semantics
/// (https://redis.io/docs/latest/develop/data-types/streams/). Errors are `EventBusError`;
/// a blocking `read` also throws `CancellationError` when its task is cancelled.
public protocol EventBus: Sendable {
  /// Appends an entry with `fields` (at least one) to `stream`, creating the stream if needed, and
  /// trims the stream by `trim`. Returns the new id, greater than every id before it in the stream.
  /// `XADD stream MAXLEN|MINID ~ bound * field value …`
  func publish(to stream: StreamName, fields: [String: String], trim: StreamTrimPolicy) async throws -> StreamEntryID

  /// Appends one entry per element of `entries`, in order, as `publish(to:fields:trim:)` does for
  /// one, and returns their ids. A bus that can does it in one round trip (pipelined `XADD`s).
  func publish(to stream: StreamName, entries: [[String: String]], trim: StreamTrimPolicy) async throws
    -> [StreamEntryID]

  /// `publish(to:entries:trim:)`, with each entry's value as it was before it became fields
  /// (`carrying[i]` for `entries[i]`; the counts must match). A bus in this process may hand the
  /// value to the first read that delivers the entry (`BusMessage.carried`), sparing the reader
  /// the decoding; every other delivery, and every bus across processes, carries the fields only.
  func publish(
    to stream: StreamName, entries: [[String: String]], carrying values: [any Sendable], trim: StreamTrimPolicy
  ) async throws -> [StreamEntryID]

  /// Creates consumer group `group` on `stream` (creating the stream if needed) starting at
  /// `startAt`. Idempotent: an existing group is left as it is, whatever `startAt` says.
  /// `XGROUP CREATE stream group 0|$ MKSTREAM`, with `BUSYGROUP` taken as success.
  func createGroup(stream: StreamName, group: String, startAt: GroupStart) async throws

  /// Removes consumer group `group` from `stream` with its consumers and pending list; the
  /// stream's entries stay. Returns whether there was such a group (a missing stream counts as
  /// none). For groups a process made for itself, so that they do not outlive it.
  /// `XGROUP DESTROY stream group`
  func destroyGroup(stream: StreamName, group: String) async throws -> Bool

  /// Delivers up to `count` entries that no consumer of `group` has been given yet, oldest first,
  /// and records each as pending for `consumer` until it is acknowledged — unless
  /// `acknowledgedOnDelivery`, for a reader that has nothing to redo (market data superseded by
  /// the next tick): its entries are never pending, never reclaimed, and need no `acknowledge`.
  /// When there are none and `block` is a positive duration, waits up to `block` for a publish;
  /// returns `[]` on timeout.
  /// `XREADGROUP GROUP group consumer COUNT count [BLOCK ms] [NOACK] STREAMS stream >`
  func read(
    stream: StreamName, group: String, consumer: String, count: Int, block: Duration?, acknowledgedOnDelivery: Bool
  ) async throws -> [BusMessage]

  /// Removes `ids` from the group's pending entries list; they are never delivered to the group
  /// again. Returns how many were pending; ids not pending (already acknowledged, unknown, or a
  /// missing group or stream) count 0, so acknowledging twice is harmless. `XACK stream group id …`
  func acknowledge(stream: StreamName, group: String, ids: [StreamEntryID]) async throws -> Int

  /// Moves up to `count` pending entries idle for at least `minIdle` to `consumer`, oldest id
  /// first, resets their idle time, adds one to their delivery count, and returns them. Pending
  /// entries already trimmed from the stream are removed from the pending list instead, as
  /// Redis 7 does. `XAUTOCLAIM stream group consumer min-idle-time 0-0 COUNT count`
  /// (https://redis.io/docs/latest/commands/xautoclaim/).
  func claimIdle(
    stream: StreamName, group: String, consumer: String, minIdle: Duration, count: Int
  ) async throws -> [BusMessage]

  /// The group's pending entries at a glance. `XPENDING stream group`
  func pending(stream: StreamName, group: String) async throws -> PendingSummary

  /// Up to `count` rows of the group's pending entries list, smallest id first.
  /// `XPENDING stream group - + count`
  func pendingEntries(stream: StreamName, group: String, count: Int) async throws -> [PendingEntry]

  /// Entries in the stream now, after trimming; 0 for a stream that does not exist. `XLEN stream`
  func streamLength(_ stream: StreamName) async throws -> Int

  /// Entries in the stream that the group has not been given yet: how far its consumers are
  /// behind. The `lag` of `XINFO GROUPS stream`.
  func groupLag(stream: StreamName, group: String) async throws -> Int

  /// Releases the bus. Blocked reads end with `EventBusError.closed`, and so does every later call.
  func close() async
}

extension EventBus {
  /// `read`, with each entry pending until it is acknowledged.
  public func read(
    stream: StreamName, group: String, consumer: String, count: Int, block: Duration?
  ) async throws -> [BusMessage] {
    try await read(
      stream: stream, group: group, consumer: consumer, count: count, block: block, acknowledgedOnDelivery: false)
  }

  /// One entry after another.
  public func publish(to stream: StreamName, entries: [[String: String]], trim: StreamTrimPolicy) async throws
    -> [StreamEntryID]
  {
    var ids: [StreamEntryID] = []
    for fields in entries { ids.append(try await publish(to: stream, fields: fields, trim: trim)) }
    return ids
  }

  /// The fields only: a bus across processes cannot hand over a value.
  public func publish(
    to stream: StreamName, entries: [[String: String]], carrying values: [any Sendable], trim: StreamTrimPolicy
  ) async throws -> [StreamEntryID] {
    try await publish(to: stream, entries: entries, trim: trim)
  }

  /// Publishes with the stream's standard trim policy (`StreamTrimPolicy.standard(for:)`).
  public func publish(to stream: StreamName, fields: [String: String]) async throws -> StreamEntryID {
    try await publish(to: stream, fields: fields, trim: .standard(for: stream))
  }
}
