import TradingCore

/// An order as the store keeps it: what was decided, and where its execution stands.
///
/// The id is the store's key (unique): an order decided from a signal takes an id derived from
/// the signal's (`OrderID(signal:)`), so a signal delivered twice finds its order already there.
public struct OrderRecord: Sendable, Hashable, Codable {
  public var id: OrderID
  public var signalID: TimeSortableID?
  public var symbol: String
  public var side: Side
  public var kind: Order.Kind
  /// Units ordered, always positive; `side` gives the direction.
  public var quantity: Quantity
  /// Set for limit orders.
  public var limitPrice: Price?
  public var status: Order.Status
  public var filledQuantity: Quantity
  /// Quantity-weighted average price of the fills so far; `nil` before the first fill.
  public var averageFillPrice: Price?
  /// |score| of the combined alpha that decided the order, in [0, 1].
  public var confidence: Double
  public var createdAt: Timestamp
  /// When the record last changed; an upsert older than the stored record is ignored.
  public var updatedAt: Timestamp
  /// Why the order was rejected or cancelled, when it was.
  public var reason: String?
  /// Which factors contributed, and the sizing and risk figures, by name.
  public var meta: [String: Double]

  public init(
    id: OrderID, signalID: TimeSortableID?, symbol: String, side: Side, kind: Order.Kind = .market,
    quantity: Quantity, limitPrice: Price? = nil, status: Order.Status = .new, filledQuantity: Quantity = .zero,
    averageFillPrice: Price? = nil, confidence: Double, createdAt: Timestamp, updatedAt: Timestamp? = nil,
    reason: String? = nil, meta: [String: Double] = [:]
  ) {
    self.id = id
    self.signalID = signalID
    self.symbol = symbol
    self.side = side
    self.kind = kind
    self.quantity = quantity
    self.limitPrice = limitPrice
    self.status = status
    self.filledQuantity = filledQuantity
    self.averageFillPrice = averageFillPrice
    self.confidence = confidence
    self.createdAt = createdAt
    self.updatedAt = updatedAt ?? createdAt
    self.reason = reason
    self.meta = meta
  }

  /// A new market order for a strategy decision, not yet sent to the broker.
  public init(decision: OrderDecision) {
    self.init(
      id: decision.id, signalID: decision.signalID, symbol: decision.symbol, side: decision.side,
      quantity: decision.quantity, confidence: decision.confidence, createdAt: decision.timestamp,
      meta: decision.meta)
  }
}
