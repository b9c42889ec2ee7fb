import HummingbirdWebSocket
import NIOWebSocket
import Synchronization

/// One client of `/ws`: its hub subscription, the filter it asked for, and whether its writes
/// still make progress.
final class WebSocketConnection: Sendable {
  /// The filter the client asked for; the hub asks it before queueing an event for the client,
  /// so an event the client does not want never wakes its task.
  final class Filter: Sendable {
    private let filter = Mutex(EventFilter())

    /// Whether the client wants `event`.
    func accepts(_ event: TradingEvent) -> Bool { filter.withLock { $0.accepts(event) } }

    /// Replaces the client's filter.
    func set(_ newFilter: EventFilter) { filter.withLock { $0 = newFilter } }
  }

  private struct State {
    var writesInFlight = 0
    /// When a write last started on an idle connection or last finished.
    var lastProgress = ContinuousClock.now
  }

  let subscriptionID: Int
  let filter: Filter
  /// Drops the connection without a close handshake.
  let closeConnection: @Sendable () -> Void
  private let state = Mutex(State())

  init(subscriptionID: Int, filter: Filter, closeConnection: @escaping @Sendable () -> Void) {
    self.subscriptionID = subscriptionID
    self.filter = filter
    self.closeConnection = closeConnection
  }

  /// Sends `text`, keeping track of how long the client takes to take it.
  func write(_ text: String, to outbound: WebSocketOutboundWriter) async throws {
    try await tracked { try await outbound.write(.text(text)) }
  }

  /// Sends `event` as one text frame over its shared bytes, keeping track of how long the
  /// client takes to take it.
  func write(_ event: TradingEvent, to outbound: WebSocketOutboundWriter) async throws {
    try await tracked { try await outbound.write(.custom(WebSocketFrame(fin: true, opcode: .text, data: event.bytes))) }
  }

  /// Why the server closes a connection.
  enum CloseReason {
    /// The client fell behind by more than its hub buffer: 1008 "client too slow".
    case tooSlow
    /// The server is shutting down: 1001 "server shutting down".
    case shuttingDown
  }

  /// Sends the close frame for `reason`, keeping track of how long the client takes to take it.
  func close(_ reason: CloseReason, on outbound: WebSocketOutboundWriter) async throws {
    try await tracked {
      switch reason {
      case .tooSlow: try await outbound.close(.policyViolation, reason: "client too slow")
      case .shuttingDown: try await outbound.close(.goingAway, reason: "server shutting down")
      }
    }
  }

  private func tracked(_ write: () async throws -> Void) async throws {
    state.withLock { state in
      if state.writesInFlight == 0 { state.lastProgress = .now }
      state.writesInFlight += 1
    }
    defer {
      state.withLock { state in
        state.writesInFlight -= 1
        state.lastProgress = .now
      }
    }
    try await write()
  }

  /// Whether writes are waiting and none has finished for longer than `limit`.
  func isWriteStalled(longerThan limit: Duration) -> Bool {
    state.withLock { state in state.writesInFlight > 0 && .now - state.lastProgress > limit }
  }
}
