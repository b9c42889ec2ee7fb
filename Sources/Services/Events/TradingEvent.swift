import Hummingbird

/// The kinds of message `/ws` sends.
public enum TradingEventType: String, Sendable, Hashable, Codable, CaseIterable {
  case signal, order, fill, position, status, heartbeat
}

/// One message for WebSocket clients, encoded once as `{"type": …, "payload": …}` and sent as
/// is to every subscriber, so that fan-out costs no re-encoding.
public struct TradingEvent: Sendable, Hashable {
  public var type: TradingEventType
  /// The symbol the event concerns, for clients that filter by symbol (nil: every client).
  public var symbol: String?
  /// The whole message as JSON bytes, shared by every frame sent: a `ByteBuffer` is copied on
  /// write only.
  public let bytes: ByteBuffer

  public init(type: TradingEventType, symbol: String?, json: String) {
    self.type = type
    self.symbol = symbol
    bytes = ByteBuffer(string: json)
  }

  /// The whole message as JSON text.
  public var json: String { String(buffer: bytes) }
}
