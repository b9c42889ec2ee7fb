import Foundation
import Persistence
import TradingCore

/// The payloads of the pipeline's WebSocket events, in the API's words: snake_case keys, money
/// and quantities as decimal strings (never floats), times as ISO 8601.
extension TradingEvent {
  /// A `signal` event. `published_at` is the server's wall-clock time when the event was made,
  /// just before it is handed to the hub, so a client can measure its delivery delay.
  static func signal(_ signal: Signal, publishedAt: Timestamp = WallClock.now()) -> TradingEvent {
    make(
      .signal, symbol: signal.symbol,
      payload: SignalPayload(
        id: signal.id.description, symbol: signal.symbol, score: signal.score, timestamp: signal.timestamp.iso8601,
        source: signal.source, meta: signal.meta.filter { $0.value.isFinite }, publishedAt: publishedAt.iso8601))
  }

  /// An `order` event with the order's current state.
  static func order(_ order: Order, decision: OrderDecision) -> TradingEvent {
    make(
      .order, symbol: order.symbol,
      payload: OrderPayload(
        id: order.id.rawValue, signalID: decision.signalID?.description, symbol: order.symbol, side: order.side,
        quantity: decision.quantity, status: order.status.rawValue, filledQuantity: order.filledQuantity,
        reason: order.reason, confidence: decision.confidence, timestamp: decision.timestamp.iso8601))
  }

  /// A `fill` event.
  static func fill(_ record: FillRecord) -> TradingEvent {
    let fill = record.fill
    return make(
      .fill, symbol: fill.symbol,
      payload: FillPayload(
        id: record.id, orderID: fill.orderID.rawValue, symbol: fill.symbol, side: fill.side, quantity: fill.quantity,
        price: fill.price, commission: fill.commission, timestamp: fill.timestamp.iso8601))
  }

  /// A `position` event.
  static func position(_ position: PositionRecord) -> TradingEvent {
    make(
      .position, symbol: position.symbol,
      payload: PositionPayload(
        symbol: position.symbol, quantity: position.quantity, averageEntryPrice: position.averageEntryPrice,
        realizedPnL: position.realizedPnL, updatedAt: position.updatedAt.iso8601))
  }

  private static func make(_ type: TradingEventType, symbol: String, payload: some Encodable) -> TradingEvent {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    // Payloads hold strings, finite numbers and `Fixed` (a string): encoding cannot fail.
    let data = try! encoder.encode(Envelope(type: type.rawValue, payload: payload))
    return TradingEvent(type: type, symbol: symbol, json: String(decoding: data, as: UTF8.self))
  }

  private struct Envelope<Payload: Encodable>: Encodable {
    var type: String
    var payload: Payload
  }

  private struct SignalPayload: Encodable {
    var id, symbol: String
    var score: Double
    var timestamp, source: String
    var meta: [String: Double]
    var publishedAt: String
  }

  private struct OrderPayload: Encodable {
    var id: String
    var signalID: String?
    var symbol: String
    var side: Side
    var quantity: Quantity
    var status: String
    var filledQuantity: Quantity
    var reason: String?
    var confidence: Double
    var timestamp: String
  }

  private struct FillPayload: Encodable {
    var id, orderID, symbol: String
    var side: Side
    var quantity: Quantity
    var price: Price
    var commission: Money
    var timestamp: String
  }

  private struct PositionPayload: Encodable {
    var symbol: String
    var quantity: Quantity
    var averageEntryPrice: Price
    var realizedPnL: Money
    var updatedAt: String

    enum CodingKeys: String, CodingKey {
      case symbol, quantity, averageEntryPrice
      case realizedPnL = "realized_pnl"
      case updatedAt
    }
  }
}
