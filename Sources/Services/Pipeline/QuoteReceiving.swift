import Broker
import Messaging
import TradingCore

/// Something that takes every accepted tick: the paper broker (the quotes it fills against), the
/// portfolio (its marks), or the `ticks` stream that carries them to other processes.
public protocol QuoteReceiving: Sendable {
  func receive(_ tick: Tick) async
}

extension PaperBroker: QuoteReceiving {
  public func receive(_ tick: Tick) async {
    // The pipeline places market orders only, which fill when placed: no order rests to be
    // filled by a quote, so the reports of `updateQuote` are always empty here.
    _ = await updateQuote(tick)
  }
}

extension PortfolioService: QuoteReceiving {
  public func receive(_ tick: Tick) { mark(tick) }
}

/// Publishes each tick on the `ticks` stream, for the processes that value positions and fill
/// orders apart from the pattern engine. Ticks are lossy by nature (DESIGN.md §4): one the bus
/// refuses is counted and dropped — the next one of its symbol supersedes it.
public actor TickPublisher: QuoteReceiving {
  private let bus: any EventBus
  public private(set) var published = 0
  public private(set) var dropped = 0
  public private(set) var lastError: String?

  public init(bus: any EventBus) { self.bus = bus }

  public func receive(_ tick: Tick) async {
    do {
      _ = try await bus.publish(to: .ticks, fields: tick.busFields)
      published += 1
    } catch {
      dropped += 1
      lastError = "\(error)"
    }
  }
}
