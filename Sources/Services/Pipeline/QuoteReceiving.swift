import Broker
import Messaging
import Synchronization
import TradingCore

/// Something that takes every accepted tick: the paper broker (the quotes it fills against), the
/// portfolio (its marks), or the `ticks` stream that carries them to other processes.
public protocol QuoteReceiving: Sendable {
  func receive(_ tick: Tick) async
}

extension PaperBroker: QuoteReceiving {
  public func receive(_ tick: Tick) {
    // The pipeline places market orders only, which fill when placed: no order rests to be
    // filled by a quote, so the reports of `updateQuote` are always empty here.
    _ = updateQuote(tick)
  }
}

extension PortfolioService: QuoteReceiving {
  public nonisolated func receive(_ tick: Tick) { mark(tick) }
}

/// Publishes each tick on the `ticks` stream, for the processes that value positions and fill
/// orders apart from the pattern engine, without making the ingestor wait for the bus: ticks
/// are queued and one writer sends whatever has gathered as one pipelined batch, in order.
/// Ticks are lossy by nature (DESIGN.md §4): a batch the bus refuses is counted and dropped —
/// the next tick of each symbol supersedes it — and beyond `queueLimit` the oldest are dropped.
///
/// With a `conflation` interval, the writer sends only the newest tick of each symbol once per
/// interval (oldest first), as market data is conflated for consumers that need the current
/// price rather than every change: at 10,000 ticks/s over five symbols and 5 ms, the followers
/// read 1,000 ticks a second instead of 10,000. A quote a follower values or fills with is then
/// at most about one interval old.
public final class TickPublisher: QuoteReceiving, Sendable {
  /// What has been sent, dropped and superseded so far.
  public struct Counts: Sendable, Hashable {
    public var published = 0
    public var dropped = 0
    /// Ticks replaced by a newer tick of their symbol before they were sent (conflation only).
    public var conflated = 0
    public var lastError: String?
  }

  private struct State {
    var queue: [Tick] = []
    /// With conflation: the newest tick of each symbol not yet sent.
    var newest: [String: Tick] = [:]
    var writing = false
    var counts = Counts()
  }

  private let bus: any EventBus
  private let queueLimit: Int
  /// How often the newest tick of each symbol is sent; zero sends every tick.
  public let conflation: Duration
  private let state = Mutex(State())

  public init(bus: any EventBus, queueLimit: Int = 50_000, conflation: Duration = .zero) {
    precondition(conflation >= .zero, "the conflation interval must not be negative")
    self.bus = bus
    self.queueLimit = queueLimit
    self.conflation = conflation
  }

  /// The figures so far.
  public var counts: Counts { state.withLock { $0.counts } }

  public func receive(_ tick: Tick) {
    let conflating = conflation > .zero
    let startWriter = state.withLock { state in
      if conflating {
        if state.newest.updateValue(tick, forKey: tick.symbol) != nil { state.counts.conflated += 1 }
      } else {
        state.queue.append(tick)
        // Trimmed a tenth below the limit at a time, so that a queue held full by an absent bus
        // does not shift every entry on every tick.
        if state.queue.count > queueLimit {
          let excess = state.queue.count - queueLimit * 9 / 10
          state.queue.removeFirst(excess)
          state.counts.dropped += excess
        }
      }
      guard !state.writing else { return false }
      state.writing = true
      return true
    }
    if startWriter { Task { await self.write() } }
  }

  /// Sends what has gathered, batch after batch (once per interval when conflating), until
  /// nothing is left.
  private func write() async {
    while true {
      if conflation > .zero { try? await Task.sleep(for: conflation) }
      let pending = state.withLock { state -> [Tick] in
        let taken: [Tick]
        if conflation > .zero {
          taken = state.newest.values.sorted { ($0.timestamp, $0.symbol) < ($1.timestamp, $1.symbol) }
          state.newest.removeAll(keepingCapacity: true)
        } else {
          taken = state.queue
          state.queue = []
        }
        if taken.isEmpty { state.writing = false }
        return taken
      }
      guard !pending.isEmpty else { return }
      for start in stride(from: 0, to: pending.count, by: 1_000) {
        let batch = pending[start..<min(start + 1_000, pending.count)].map(\.busFields)
        do {
          _ = try await bus.publish(to: .ticks, entries: batch, trim: .standard(for: .ticks))
          state.withLock { $0.counts.published += batch.count }
        } catch {
          state.withLock { state in
            state.counts.dropped += batch.count
            state.counts.lastError = "\(error)"
          }
        }
      }
    }
  }
}
