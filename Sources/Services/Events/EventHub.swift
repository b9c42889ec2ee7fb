import Synchronization

/// In-process fan-out of `TradingEvent`s to any number of subscribers (WebSocket clients).
///
/// Each subscriber has its own bounded buffer. Publishing never waits: when a subscriber's
/// buffer is full, that subscriber is cut off (its stream finishes and `wasCutOff` says so) so
/// a slow client can never slow the others or grow memory without bound.
public final class EventHub: Sendable {
  /// One subscriber's view: the events and the way to leave.
  public struct Subscription: Sendable {
    public let id: Int
    public let events: AsyncStream<TradingEvent>
  }

  struct Subscriber {
    var continuation: AsyncStream<TradingEvent>.Continuation
    var accepts: @Sendable (TradingEvent) -> Bool
  }

  struct State {
    var nextID = 0
    var subscribers: [Int: Subscriber] = [:]
    var overflowed: Set<Int> = []
    var published = 0
  }

  private let state = Mutex(State())
  /// Events a subscriber may have waiting before it is cut off.
  public let bufferLimit: Int

  public init(bufferLimit: Int = 1_024) {
    precondition(bufferLimit > 0, "buffer limit must be positive")
    self.bufferLimit = bufferLimit
  }

  /// Starts a subscription to the events `accepts` lets through (every event by default);
  /// iterate `events` until it ends, then call `unsubscribe`. `accepts` is asked on the
  /// publisher's thread for every event: keep it quick and never blocking.
  public func subscribe(accepting accepts: @escaping @Sendable (TradingEvent) -> Bool = { _ in true }) -> Subscription {
    let (stream, continuation) = AsyncStream.makeStream(
      of: TradingEvent.self, bufferingPolicy: .bufferingOldest(bufferLimit))
    let id = state.withLock { state in
      state.nextID += 1
      state.subscribers[state.nextID] = Subscriber(continuation: continuation, accepts: accepts)
      return state.nextID
    }
    continuation.onTermination = { [weak self] _ in self?.remove(id) }
    return Subscription(id: id, events: stream)
  }

  /// Ends a subscription (idempotent).
  public func unsubscribe(_ id: Int) {
    let subscriber = state.withLock { $0.subscribers.removeValue(forKey: id) }
    subscriber?.continuation.finish()
  }

  /// Whether the subscription was cut off because its buffer overflowed (answers once).
  public func wasCutOff(_ id: Int) -> Bool { state.withLock { $0.overflowed.remove(id) != nil } }

  /// Number of live subscribers.
  public var subscriberCount: Int { state.withLock { $0.subscribers.count } }

  /// Events published so far.
  public var publishedCount: Int { state.withLock { $0.published } }

  /// Sends `event` to every subscriber without waiting. The event (its JSON) is made only when
  /// someone subscribes: a component process without WebSocket clients spends nothing on it.
  public func publish(_ event: @autoclosure () -> TradingEvent) {
    let subscribers = state.withLock { state in
      state.published += 1
      return state.subscribers
    }
    guard !subscribers.isEmpty else { return }
    let event = event()
    for (id, subscriber) in subscribers where subscriber.accepts(event) {
      if case .dropped = subscriber.continuation.yield(event) {
        state.withLock { _ = $0.overflowed.insert(id) }
        unsubscribe(id)
      }
    }
  }

  private func remove(_ id: Int) {
    _ = state.withLock { $0.subscribers.removeValue(forKey: id) }
  }
}
