import Messaging

/// How a pipeline component reads its stream: consumer group and name, batch size, how long a
/// read blocks, and when pending entries of a dead consumer are taken over.
public struct BusConsumer: Sendable, Hashable {
  public var stream: StreamName
  public var group: String
  public var consumer: String
  /// Entries per read (`COUNT`).
  public var batchSize: Int
  /// How long a read waits for new entries (`BLOCK`); also how quickly a stop request is seen.
  public var block: Duration
  /// An entry pending this long is taken to belong to a dead consumer and is reclaimed.
  public var reclaimAfterIdle: Duration
  /// How often pending entries are checked for reclaiming, besides at start.
  public var reclaimEvery: Duration
  /// Where a group created by `run` starts: history included, or only what comes next.
  public var startAt: GroupStart
  /// Whether the group is this process's alone (a follower of every tick, fill or heartbeat),
  /// to be removed from the bus when `run` stops as asked, so that restarts leave no groups behind.
  public var groupIsOwn: Bool
  /// Whether the entries are taken as done when delivered (`NOACK`): for a consumer with nothing
  /// to redo, such as one that follows quotes, each superseded by the next. Nothing is pending,
  /// acknowledged or reclaimed.
  public var acknowledgedOnDelivery: Bool

  public init(
    stream: StreamName, group: String, consumer: String, batchSize: Int = 100, block: Duration = .milliseconds(50),
    reclaimAfterIdle: Duration = .seconds(30), reclaimEvery: Duration = .seconds(5), startAt: GroupStart = .beginning,
    groupIsOwn: Bool = false, acknowledgedOnDelivery: Bool = false
  ) {
    self.groupIsOwn = groupIsOwn
    self.acknowledgedOnDelivery = acknowledgedOnDelivery
    self.startAt = startAt
    self.stream = stream
    self.group = group
    self.consumer = consumer
    self.batchSize = batchSize
    self.block = block
    self.reclaimAfterIdle = reclaimAfterIdle
    self.reclaimEvery = reclaimEvery
  }

  /// The group's backlog for health details: `consumer_lag` (entries not yet delivered) and
  /// `pending` (delivered, not yet acknowledged); a figure the bus cannot give is left out.
  func backlog(on bus: any EventBus) async -> [String: JSONValue] {
    var figures: [String: JSONValue] = [:]
    if let lag = try? await bus.groupLag(stream: stream, group: group) {
      figures["consumer_lag"] = .number(Double(lag))
    }
    if let pending = try? await bus.pending(stream: stream, group: group) {
      figures["pending"] = .number(Double(pending.count))
    }
    return figures
  }

  /// Reads the stream until `shouldStop` answers true after a read that found nothing, or the
  /// task is cancelled (throws `CancellationError`). Each message goes to `handle` and is
  /// acknowledged after `handle` returns, that is after its effect is stored; a message whose
  /// handling asks for a retry stays pending and is reclaimed later. Creates the group if needed
  /// and reclaims idle entries at start and every `reclaimEvery`.
  ///
  /// A bus that cannot be reached (a restarting Redis) does not end the loop: the error goes to
  /// `onBusError` and the read is tried again after a back-off of 50 ms doubling to 2 s. What was
  /// delivered but not acknowledged stays pending meanwhile. Only a closed bus ends it.
  func run(
    on bus: any EventBus, shouldStop: @Sendable () async -> Bool,
    onBusError: @Sendable (any Error) async -> Void = { _ in },
    handle: @Sendable (BusMessage) async -> HandlingOutcome
  ) async throws {
    try await run(on: bus, shouldStop: shouldStop, onBusError: onBusError) { messages in
      var done: [StreamEntryID] = []
      for message in messages {
        if await handle(message) == .done { done.append(message.id) }
      }
      return done
    }
  }

  /// `run` for a consumer that handles each read's messages together (one store write for the
  /// batch): `handleBatch` answers the ids that are done, and those are acknowledged. A group
  /// that is the process's own is removed when the loop stops as asked (not when it is cancelled
  /// or the bus fails: a process that dies leaves its group, as a crashed one would).
  func run(
    on bus: any EventBus, shouldStop: @Sendable () async -> Bool,
    onBusError: @Sendable (any Error) async -> Void = { _ in },
    handleBatch: @Sendable ([BusMessage]) async -> [StreamEntryID]
  ) async throws {
    var groupCreated = false
    var nextReclaim = ContinuousClock.now
    var backoff = Duration.milliseconds(50)
    while true {
      try Task.checkCancellation()
      do {
        if !groupCreated {
          try await bus.createGroup(stream: stream, group: group, startAt: startAt)
          groupCreated = true
        }
        if !acknowledgedOnDelivery, ContinuousClock.now >= nextReclaim {
          let claimed = try await bus.claimIdle(
            stream: stream, group: group, consumer: consumer, minIdle: reclaimAfterIdle, count: batchSize)
          try await process(claimed, on: bus, handleBatch: handleBatch)
          nextReclaim = ContinuousClock.now + reclaimEvery
        }
        let messages = try await bus.read(
          stream: stream, group: group, consumer: consumer, count: batchSize, block: block,
          acknowledgedOnDelivery: acknowledgedOnDelivery)
        if messages.isEmpty, await shouldStop() {
          if groupIsOwn { _ = try? await bus.destroyGroup(stream: stream, group: group) }
          return
        }
        try await process(messages, on: bus, handleBatch: handleBatch)
        backoff = .milliseconds(50)
      } catch let error where Self.isTransient(error) {
        if case .noSuchGroup? = error as? EventBusError { groupCreated = false }
        await onBusError(error)
        try await Task.sleep(for: backoff)
        backoff = min(backoff * 2, .seconds(2))
      }
    }
  }

  /// Whether `error` may pass: anything but cancellation, a closed bus and an invalid argument
  /// (a defect, which waiting does not cure). A group that went away with its stream (a Redis
  /// restarted without its data) is created again.
  private static func isTransient(_ error: any Error) -> Bool {
    if error is CancellationError { return false }
    switch error as? EventBusError {
    case .closed?, .invalidArgument?: return false
    default: return true
    }
  }

  private func process(
    _ messages: [BusMessage], on bus: any EventBus, handleBatch: @Sendable ([BusMessage]) async -> [StreamEntryID]
  ) async throws {
    guard !messages.isEmpty else { return }
    let done = await handleBatch(messages)
    if !done.isEmpty, !acknowledgedOnDelivery {
      _ = try await bus.acknowledge(stream: stream, group: group, ids: done)
    }
  }
}

/// What became of one message: done (acknowledge it), or to be retried (leave it pending).
enum HandlingOutcome: Sendable, Hashable {
  /// Handled, or unreadable and dropped: acknowledge.
  case done
  /// Its effect could not be stored: leave it pending so that it is delivered again.
  case retry
}
