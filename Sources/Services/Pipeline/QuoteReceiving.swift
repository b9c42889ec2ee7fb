import Broker
import Messaging
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
public actor TickPublisher: QuoteReceiving {
  private let bus: any EventBus
  private let queueLimit: Int
  private var queue: [[String: String]] = []
  private var writing = false
  public private(set) var published = 0
  public private(set) var dropped = 0
  public private(set) var lastError: String?

  public init(bus: any EventBus, queueLimit: Int = 50_000) {
    self.bus = bus
    self.queueLimit = queueLimit
  }

  public func receive(_ tick: Tick) {
    queue.append(tick.busFields)
    // Trimmed a tenth below the limit at a time, so that a queue held full by an absent bus does
    // not shift every entry on every tick.
    if queue.count > queueLimit {
      let excess = queue.count - queueLimit * 9 / 10
      queue.removeFirst(excess)
      dropped += excess
    }
    guard !writing else { return }
    writing = true
    Task { await self.write() }
  }

  /// Sends what is queued, batch after batch, until the queue is empty.
  private func write() async {
    while !queue.isEmpty {
      let pending = queue
      queue = []
      for start in stride(from: 0, to: pending.count, by: 1_000) {
        let batch = Array(pending[start..<min(start + 1_000, pending.count)])
        do {
          _ = try await bus.publish(to: .ticks, entries: batch, trim: .standard(for: .ticks))
          published += batch.count
        } catch {
          dropped += batch.count
          lastError = "\(error)"
        }
      }
    }
    writing = false
  }
}
