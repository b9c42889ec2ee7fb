import TradingCore

/// An order as the broker's MCP tools report it: the broker's own id, the client's id, where the
/// order is in its life and every transition it went through. Prices and quantities travel as
/// decimal strings, so no digit is lost on the way.
public struct BrokerOrderReport: Sendable, Hashable, Codable {
  /// One step of an order's life: the status it entered, the quantity filled by then, when.
  public struct Transition: Sendable, Hashable, Codable {
    public var status: Order.Status
    public var filledQuantity: Quantity
    public var atNanoseconds: Int64
    public var reason: String?

    public init(status: Order.Status, filledQuantity: Quantity, at time: Timestamp, reason: String? = nil) {
      self.status = status
      self.filledQuantity = filledQuantity
      self.atNanoseconds = time.nanosecondsSinceEpoch
      self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
      case status, reason
      case filledQuantity = "filled_quantity"
      case atNanoseconds = "at_ns"
    }
  }

  /// The broker's id, `B-` and a sequence number.
  public var orderID: String
  /// The id the client gave; one client id makes one order however often it is sent.
  public var clientOrderID: String
  public var symbol: String
  public var side: Side
  public var orderType: Order.Kind
  public var quantity: Quantity
  public var limitPrice: Price?
  public var status: Order.Status
  public var filledQuantity: Quantity
  /// Quantity-weighted price of the fills, when there are any.
  public var averagePrice: Price?
  /// Why the order was rejected or cancelled, when it was.
  public var reason: String?
  public var createdAtNanoseconds: Int64
  public var history: [Transition]

  public init(
    orderID: String, clientOrderID: String, symbol: String, side: Side, orderType: Order.Kind, quantity: Quantity,
    limitPrice: Price?, createdAt: Timestamp
  ) {
    self.orderID = orderID
    self.clientOrderID = clientOrderID
    self.symbol = symbol
    self.side = side
    self.orderType = orderType
    self.quantity = quantity
    self.limitPrice = limitPrice
    self.status = .new
    self.filledQuantity = .zero
    self.averagePrice = nil
    self.reason = nil
    self.createdAtNanoseconds = createdAt.nanosecondsSinceEpoch
    self.history = [Transition(status: .new, filledQuantity: .zero, at: createdAt)]
  }

  public var createdAt: Timestamp { Timestamp(nanosecondsSinceEpoch: createdAtNanoseconds) }

  /// The order in the core's terms, under the client's id.
  public var order: Order {
    var order = Order(
      id: OrderID(clientOrderID), symbol: symbol, side: side, kind: orderType, quantity: .units(quantity),
      limitPrice: limitPrice, createdAt: createdAt)
    order.status = status
    order.filledQuantity = filledQuantity
    order.reason = reason
    return order
  }

  /// Moves the order to `status` at `time`, recording the transition when anything changed.
  public mutating func record(status: Order.Status, filledQuantity: Quantity, reason: String?, at time: Timestamp) {
    guard status != self.status || filledQuantity != self.filledQuantity else { return }
    self.status = status
    self.filledQuantity = filledQuantity
    if let reason { self.reason = reason }
    history.append(Transition(status: status, filledQuantity: filledQuantity, at: time, reason: reason))
  }

  enum CodingKeys: String, CodingKey {
    case symbol, side, quantity, status, reason, history
    case orderID = "order_id"
    case clientOrderID = "client_order_id"
    case orderType = "order_type"
    case limitPrice = "limit_price"
    case filledQuantity = "filled_quantity"
    case averagePrice = "average_price"
    case createdAtNanoseconds = "created_at_ns"
  }
}

/// A fill as the broker's MCP tools report it.
public struct BrokerFillReport: Sendable, Hashable, Codable {
  /// The broker's order id.
  public var orderID: String
  public var clientOrderID: String
  /// 1 for an order's first fill, 2 for its second, …
  public var sequence: Int
  public var symbol: String
  public var side: Side
  public var quantity: Quantity
  public var price: Price
  public var commission: Money
  public var timestampNanoseconds: Int64

  public init(orderID: String, clientOrderID: String, sequence: Int, fill: Fill) {
    self.orderID = orderID
    self.clientOrderID = clientOrderID
    self.sequence = sequence
    self.symbol = fill.symbol
    self.side = fill.side
    self.quantity = fill.quantity
    self.price = fill.price
    self.commission = fill.commission
    self.timestampNanoseconds = fill.timestamp.nanosecondsSinceEpoch
  }

  /// The fill in the core's terms, for the order the client knows as `clientOrderID`.
  public var fill: Fill {
    Fill(
      orderID: OrderID(clientOrderID), symbol: symbol, side: side, quantity: quantity, price: price,
      commission: commission, timestamp: Timestamp(nanosecondsSinceEpoch: timestampNanoseconds))
  }

  enum CodingKeys: String, CodingKey {
    case sequence, symbol, side, quantity, price, commission
    case orderID = "order_id"
    case clientOrderID = "client_order_id"
    case timestampNanoseconds = "timestamp_ns"
  }
}

/// An order and its fills: what `place_order`, `cancel_order` and `get_order_history` answer.
public struct BrokerOrderDetail: Sendable, Hashable, Codable {
  public var order: BrokerOrderReport
  public var fills: [BrokerFillReport]
  /// True when `place_order` found the client id already placed and answered the first order.
  public var duplicate: Bool?

  public init(order: BrokerOrderReport, fills: [BrokerFillReport], duplicate: Bool? = nil) {
    self.order = order
    self.fills = fills
    self.duplicate = duplicate
  }
}

/// One symbol held, as `get_positions` and `get_holdings` report it.
public struct BrokerPositionReport: Sendable, Hashable, Codable {
  public var symbol: String
  /// Signed: negative when short.
  public var quantity: Quantity
  public var averagePrice: Price
  public var lastPrice: Price?
  public var realisedPnL: Money
  public var unrealisedPnL: Money

  public init(
    symbol: String, quantity: Quantity, averagePrice: Price, lastPrice: Price?, realisedPnL: Money,
    unrealisedPnL: Money
  ) {
    self.symbol = symbol
    self.quantity = quantity
    self.averagePrice = averagePrice
    self.lastPrice = lastPrice
    self.realisedPnL = realisedPnL
    self.unrealisedPnL = unrealisedPnL
  }

  enum CodingKeys: String, CodingKey {
    case symbol, quantity
    case averagePrice = "average_price"
    case lastPrice = "last_price"
    case realisedPnL = "realised_pnl"
    case unrealisedPnL = "unrealised_pnl"
  }
}

/// The account's money, as `get_margins` reports it.
public struct BrokerMargins: Sendable, Hashable, Codable {
  public var cash: Money
  /// Cash plus every position at its last price.
  public var equity: Money
  /// Gross value of the positions at their last prices.
  public var exposure: Money
  /// What new positions may still use: equity × leverage − exposure, never below zero.
  public var available: Money

  public init(cash: Money, equity: Money, exposure: Money, available: Money) {
    self.cash = cash
    self.equity = equity
    self.exposure = exposure
    self.available = available
  }
}

/// A symbol's latest quote, as `get_quote` reports it.
public struct BrokerQuote: Sendable, Hashable, Codable {
  public var symbol: String
  public var bid: Price
  public var ask: Price
  public var timestampNanoseconds: Int64

  public init(tick: Tick) {
    symbol = tick.symbol
    bid = tick.bid
    ask = tick.ask
    timestampNanoseconds = tick.timestamp.nanosecondsSinceEpoch
  }

  enum CodingKeys: String, CodingKey {
    case symbol, bid, ask
    case timestampNanoseconds = "timestamp_ns"
  }
}
