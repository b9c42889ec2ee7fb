import Messaging
import TradingCore

/// Follows the `ticks` stream in a process apart from the pattern engine and hands every tick to
/// its `QuoteReceiving`s — the portfolio's marks, the paper broker's quotes. Each process reads in
/// a consumer group of its own (every process needs every tick), and its ticks count as
/// acknowledged as they are delivered (`NOACK`): a mark is superseded by the next tick, so
/// nothing is stored, nothing is redone, and no acknowledgement costs a round trip.
public actor TickFollower {
  private let bus: any EventBus
  private let receivers: [any QuoteReceiving]
  private let reading: BusConsumer
  private var stopRequested = false
  /// Whether a read has come back short of a full batch: the backlog at start has been handed on.
  public private(set) var caughtUp = false
  public private(set) var ticksReceived = 0
  public private(set) var malformedMessages = 0
  public private(set) var lastError: String?

  /// - Parameter group: this process's own consumer group on `ticks`.
  public init(bus: any EventBus, receivers: [any QuoteReceiving], group: String, block: Duration = .milliseconds(50)) {
    self.bus = bus
    self.receivers = receivers
    reading = BusConsumer(
      stream: .ticks, group: group, consumer: group, batchSize: 500, block: block, groupIsOwn: true,
      acknowledgedOnDelivery: true)
  }

  /// Follows the stream until `finish()` is called and nothing is left, or the task is cancelled.
  public func run() async throws {
    try await reading.run(
      on: bus, shouldStop: { await self.readCameBackEmpty() }, onBusError: { await self.busFailed($0) },
      handleBatch: { await self.handle(batch: $0) })
  }

  /// Asks `run()` to return once no tick is waiting.
  public func finish() { stopRequested = true }

  /// Returns once the follower has caught up with the stream (or `timeout` passed): a consumer that
  /// decides on prices waits for it, so that its first decisions do not find a symbol unpriced.
  public func waitUntilCaughtUp(within timeout: Duration) async {
    let deadline = ContinuousClock.now + timeout
    while !caughtUp, ContinuousClock.now < deadline, !Task.isCancelled {
      try? await Task.sleep(for: .milliseconds(20))
    }
  }

  private func readCameBackEmpty() -> Bool {
    caughtUp = true
    return stopRequested
  }

  private func busFailed(_ error: any Error) { lastError = "ticks: \(error)" }

  /// Hands on one read's ticks; a read shorter than a full batch means the backlog is read.
  private func handle(batch messages: [BusMessage]) async -> [StreamEntryID] {
    for message in messages {
      do {
        let tick = try Tick(busFields: message.fields)
        ticksReceived += 1
        for receiver in receivers { await receiver.receive(tick) }
      } catch {
        malformedMessages += 1
        lastError = "ticks \(message.id): \(error)"
      }
    }
    if messages.count < reading.batchSize { caughtUp = true }
    return messages.map(\.id)
  }
}
