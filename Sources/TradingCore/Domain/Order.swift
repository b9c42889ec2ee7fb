/// An order's identifier. Orders made from a signal take the signal's id, so a signal that is
/// delivered twice can only ever produce the same order (idempotency across redelivery).
public struct OrderID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  public var rawValue: String

  public init(_ rawValue: String) { self.rawValue = rawValue }

  /// The id of the order decided from `signal`: `"O-"` followed by the signal's id.
  public init(signal: TimeSortableID) { rawValue = "O-\(signal)" }

  public var description: String { rawValue }
  public static func < (lhs: OrderID, rhs: OrderID) -> Bool { lhs.rawValue < rhs.rawValue }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }

  public init(from decoder: any Decoder) throws {
    rawValue = try decoder.singleValueContainer().decode(String.self)
  }
}

/// What the strategy decided for one signal: buy or sell a quantity, with a confidence.
public struct OrderDecision: Sendable, Hashable, Codable {
  public var id: OrderID
  public var signalID: TimeSortableID?
  public var symbol: String
  public var side: Side
  public var quantity: Quantity
  /// |score| of the combined alpha, in [0, 1].
  public var confidence: Double
  public var timestamp: Timestamp
  /// Which factors contributed, and the sizing and risk figures, by name.
  public var meta: [String: Double]

  public init(
    id: OrderID, signalID: TimeSortableID?, symbol: String, side: Side, quantity: Quantity, confidence: Double,
    timestamp: Timestamp, meta: [String: Double] = [:]
  ) {
    self.id = id
    self.signalID = signalID
    self.symbol = symbol
    self.side = side
    self.quantity = quantity
    self.confidence = confidence
    self.timestamp = timestamp
    self.meta = meta
  }
}

/// How an order's quantity is given.
public enum OrderQuantity: Sendable, Hashable, Codable {
  /// A number of units.
  case units(Quantity)
  /// A fraction (0, 1) of the margin available when the order fills, in whole units, as
  /// backtesting.py sizes `buy()` with no size: `int(available × fraction ÷ (price + fee per unit))`.
  case fractionOfAvailable(Double)
}

/// An order to the broker.
public struct Order: Sendable, Hashable, Codable {
  /// Where an order is in its life.
  public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
    case new, accepted
    case partiallyFilled = "partially_filled"
    case filled, cancelled, rejected

    public var isOpen: Bool { self == .new || self == .accepted || self == .partiallyFilled }
  }

  /// Market or limit.
  public enum Kind: String, Sendable, Hashable, Codable {
    case market, limit
  }

  public var id: OrderID
  public var signalID: TimeSortableID?
  public var symbol: String
  public var side: Side
  public var kind: Kind
  public var quantity: OrderQuantity
  public var limitPrice: Price?
  public var status: Status
  public var filledQuantity: Quantity
  public var createdAt: Timestamp
  /// Why the order was rejected or cancelled, when it was.
  public var reason: String?

  public init(
    id: OrderID, signalID: TimeSortableID? = nil, symbol: String, side: Side, kind: Kind = .market,
    quantity: OrderQuantity, limitPrice: Price? = nil, createdAt: Timestamp
  ) {
    self.id = id
    self.signalID = signalID
    self.symbol = symbol
    self.side = side
    self.kind = kind
    self.quantity = quantity
    self.limitPrice = limitPrice
    self.status = .new
    self.filledQuantity = .zero
    self.createdAt = createdAt
    self.reason = nil
  }
}
