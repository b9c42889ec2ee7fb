import Foundation

/// The event bus of the embedded mode: every stream, group and pending list in this process's
/// memory, with the semantics of Redis Streams so that a component tested here behaves the same
/// on `RedisStreamsEventBus` (DESIGN.md §4). Nothing survives the process.
///
/// Ids and idle times come from an injected millisecond clock so that tests can move time and
/// watch entries become claimable; blocking reads wait in real time (`ContinuousClock`), as a
/// Redis `BLOCK` does.
public actor InProcessEventBus: EventBus {
  /// Milliseconds since the epoch.
  public typealias MillisecondClock = @Sendable () -> Int64

  /// A stream's entries and its consumer groups.
  private struct StoredStream {
    var log = StreamLog()
    var groups: [String: ConsumerGroupState] = [:]
    /// Values published with the newest entries, for the first read that delivers them.
    var carried = CarriedValues()
  }

  private let nowMilliseconds: MillisecondClock
  private var streams: [StreamName: StoredStream] = [:]
  private var blockedReaders = BlockedReaders()
  private var isClosed = false

  /// The system's wall clock, in milliseconds since the epoch.
  public static let systemClock: MillisecondClock = {
    Int64((Date().timeIntervalSince1970 * 1_000).rounded(.down))
  }

  public init(nowMilliseconds: @escaping MillisecondClock = InProcessEventBus.systemClock) {
    self.nowMilliseconds = nowMilliseconds
  }

  public func publish(to stream: StreamName, fields: [String: String], trim: StreamTrimPolicy) throws -> StreamEntryID {
    try ensureOpen()
    try Validate.name(stream.rawValue, "stream name")
    guard !fields.isEmpty else { throw EventBusError.invalidArgument("an entry needs at least one field") }
    if let reason = trim.invalidReason { throw EventBusError.invalidArgument(reason) }
    let now = nowMilliseconds()
    let id = streams[stream, default: StoredStream()].log.append(fields: fields, nowMilliseconds: now)
    streams[stream]!.log.trim(by: trim, nowMilliseconds: now)
    blockedReaders.wakeAll(on: stream)
    return id
  }

  public func publish(
    to stream: StreamName, entries: [[String: String]], carrying values: [any Sendable], trim: StreamTrimPolicy
  ) async throws -> [StreamEntryID] {
    guard values.count == entries.count else {
      throw EventBusError.invalidArgument("\(entries.count) entries carry \(values.count) values")
    }
    var ids: [StreamEntryID] = []
    ids.reserveCapacity(entries.count)
    for (fields, value) in zip(entries, values) {
      let id = try publish(to: stream, fields: fields, trim: trim)
      streams[stream]!.carried.append(value, for: id)
      ids.append(id)
    }
    return ids
  }

  public func createGroup(stream: StreamName, group: String, startAt: GroupStart) throws {
    try ensureOpen()
    try Validate.name(stream.rawValue, "stream name")
    try Validate.name(group, "group name")
    var stored = streams.removeValue(forKey: stream) ?? StoredStream()
    if stored.groups[group] == nil {
      let lastDelivered = startAt == .beginning ? StreamEntryID.zero : stored.log.lastGeneratedID
      stored.groups[group] = ConsumerGroupState(lastDeliveredID: lastDelivered)
    }
    streams[stream] = stored
  }

  public func destroyGroup(stream: StreamName, group: String) throws -> Bool {
    try ensureOpen()
    try Validate.name(group, "group name")
    return streams[stream]?.groups.removeValue(forKey: group) != nil
  }

  public func read(
    stream: StreamName, group: String, consumer: String, count: Int, block: Duration?, acknowledgedOnDelivery: Bool
  ) async throws -> [BusMessage] {
    try ensureOpen()
    let deadline = try Validate.readArguments(group: group, consumer: consumer, count: count, block: block)
      .map { ContinuousClock.now + $0 }
    while true {
      let delivered = try deliverNewEntries(
        stream: stream, group: group, consumer: consumer, count: count, pending: !acknowledgedOnDelivery)
      if !delivered.isEmpty { return delivered }
      guard let deadline, ContinuousClock.now < deadline else { return [] }
      // Another consumer of the group may take what woke us, so read again until the deadline.
      try await waitForPublish(on: stream, until: deadline)
    }
  }

  public func acknowledge(stream: StreamName, group: String, ids: [StreamEntryID]) throws -> Int {
    try ensureOpen()
    try Validate.name(group, "group name")
    guard streams[stream]?.groups[group] != nil else { return 0 }
    return streams[stream]!.groups[group]!.acknowledge(ids)
  }

  public func claimIdle(
    stream: StreamName, group: String, consumer: String, minIdle: Duration, count: Int
  ) throws -> [BusMessage] {
    try ensureOpen()
    try Validate.name(consumer, "consumer name")
    try Validate.atLeastOne(count, "count")
    guard minIdle >= .zero else { throw EventBusError.invalidArgument("minIdle must not be negative, got \(minIdle)") }
    let log = try existingStream(stream).log
    let now = nowMilliseconds()
    return try modifyGroup(stream: stream, group: group) { state in
      var claimed: [BusMessage] = []
      for id in state.idleIDs(minIdleMilliseconds: minIdle.wholeMilliseconds, nowMilliseconds: now) {
        guard claimed.count < count else { break }
        guard let entry = log.entry(withID: id) else {
          state.dropPending(id)
          continue
        }
        state.recordRedelivery(of: id, to: consumer, nowMilliseconds: now)
        claimed.append(BusMessage(id: id, stream: stream, fields: entry.fields))
      }
      return claimed
    }
  }

  public func pending(stream: StreamName, group: String) throws -> PendingSummary {
    try existingGroup(stream: stream, group: group).summary(nowMilliseconds: nowMilliseconds())
  }

  public func pendingEntries(stream: StreamName, group: String, count: Int) throws -> [PendingEntry] {
    try Validate.atLeastOne(count, "count")
    return try existingGroup(stream: stream, group: group)
      .pendingEntries(count: count, nowMilliseconds: nowMilliseconds())
  }

  public func streamLength(_ stream: StreamName) throws -> Int {
    try ensureOpen()
    return streams[stream]?.log.count ?? 0
  }

  public func groupLag(stream: StreamName, group: String) throws -> Int {
    let lastDelivered = try existingGroup(stream: stream, group: group).lastDeliveredID
    return try existingStream(stream).log.countEntries(after: lastDelivered)
  }

  public func close() {
    isClosed = true
    streams = [:]
    blockedReaders.failAll(with: EventBusError.closed)
  }

  /// Gives `consumer` up to `count` entries after the group's last delivered id and records them
  /// as pending for it (the `>` of `XREADGROUP`), each with its carried value while one is held.
  private func deliverNewEntries(
    stream: StreamName, group: String, consumer: String, count: Int, pending: Bool
  ) throws -> [BusMessage] {
    let log = try existingStream(stream).log
    let now = nowMilliseconds()
    var messages = try modifyGroup(stream: stream, group: group) { state in
      let entries = log.entries(after: state.lastDeliveredID, limit: count)
      if pending {
        state.recordFirstDelivery(of: entries.lazy.map(\.id), to: consumer, nowMilliseconds: now)
      } else if let last = entries.last {
        state.recordDeliveredWithoutPending(upTo: last.id)
      }
      return entries.map { BusMessage(id: $0.id, stream: stream, fields: $0.fields) }
    }
    for index in messages.indices { messages[index].carried = streams[stream]!.carried.take(messages[index].id) }
    return messages
  }

  /// Suspends until something is published to `stream`, `deadline` passes, the task is cancelled
  /// (throws `CancellationError`) or the bus closes (throws `EventBusError.closed`).
  private func waitForPublish(on stream: StreamName, until deadline: ContinuousClock.Instant) async throws {
    let ticket = blockedReaders.issueTicket()
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
        guard !Task.isCancelled else { return continuation.resume(throwing: CancellationError()) }
        let deadlineTimer = Task {
          guard (try? await Task.sleep(until: deadline, clock: .continuous)) != nil else { return }
          self.blockedReaders.wake(ticket: ticket)
        }
        blockedReaders.park(ticket: ticket, stream: stream, continuation: continuation, deadlineTimer: deadlineTimer)
      }
    } onCancel: {
      Task { await self.wakeCancelled(ticket: ticket) }
    }
  }

  private func wakeCancelled(ticket: Int) {
    blockedReaders.wake(ticket: ticket, throwing: CancellationError())
  }

  private func ensureOpen() throws {
    if isClosed { throw EventBusError.closed }
  }

  private func existingStream(_ stream: StreamName) throws -> StoredStream {
    try ensureOpen()
    guard let stored = streams[stream] else { throw EventBusError.noSuchStream(stream) }
    return stored
  }

  private func existingGroup(stream: StreamName, group: String) throws -> ConsumerGroupState {
    try Validate.name(group, "group name")
    guard let state = try existingStream(stream).groups[group] else {
      throw EventBusError.noSuchGroup(stream: stream, group: group)
    }
    return state
  }

  /// Runs `body` on the group's state in place, so the pending list is not copied.
  private func modifyGroup<Result>(
    stream: StreamName, group: String, _ body: (inout ConsumerGroupState) throws -> Result
  ) throws -> Result {
    _ = try existingGroup(stream: stream, group: group)
    return try body(&streams[stream]!.groups[group]!)
  }
}
