import Persistence
import TradingCore

/// The JSON shapes of the store-backed endpoints, as `docs/openapi.yaml` defines them: money
/// and quantities as exact decimal strings, times as ISO 8601, absent values as `null`.
enum TradingViews {
  struct SignalView: Encodable {
    var signal: Signal

    enum CodingKeys: String, CodingKey { case id, symbol, score, timestamp, source, meta }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(signal.id.description, forKey: .id)
      try container.encode(signal.symbol, forKey: .symbol)
      try container.encode(signal.score, forKey: .score)
      try container.encode(signal.timestamp.iso8601, forKey: .timestamp)
      try container.encode(signal.source, forKey: .source)
      try container.encode(signal.meta.filter { $0.value.isFinite }, forKey: .meta)
    }
  }

  /// An order with every step of its life, oldest first.
  struct OrderDetailView: Encodable {
    var order: OrderRecord
    var transitions: [OrderTransition]

    struct TransitionView: Encodable {
      var step: OrderTransition

      enum CodingKeys: String, CodingKey {
        case sequence, from, to, reason, timestamp
        case filledQuantity = "filled_quantity"
      }

      func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(step.sequence, forKey: .sequence)
        try container.encode(step.from.rawValue, forKey: .from)
        try container.encode(step.to.rawValue, forKey: .to)
        try container.encode(step.filledQuantity.description, forKey: .filledQuantity)
        try container.encode(step.reason, forKey: .reason)
        try container.encode(step.timestamp.iso8601, forKey: .timestamp)
      }
    }

    enum CodingKeys: String, CodingKey { case transitions }

    func encode(to encoder: any Encoder) throws {
      try OrderView(order: order).encode(to: encoder)
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(transitions.map(TransitionView.init), forKey: .transitions)
    }
  }

  struct OrderView: Encodable {
    var order: OrderRecord

    enum CodingKeys: String, CodingKey {
      case id, symbol, side, kind, quantity, status, confidence, reason, meta
      case signalID = "signal_id"
      case limitPrice = "limit_price"
      case filledQuantity = "filled_quantity"
      case averagePrice = "average_price"
      case createdAt = "created_at"
      case updatedAt = "updated_at"
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(order.id.rawValue, forKey: .id)
      try container.encode(order.signalID?.description, forKey: .signalID)
      try container.encode(order.symbol, forKey: .symbol)
      try container.encode(order.side.rawValue, forKey: .side)
      try container.encode(order.kind.rawValue, forKey: .kind)
      try container.encode(order.quantity.description, forKey: .quantity)
      try container.encode(order.limitPrice?.description, forKey: .limitPrice)
      try container.encode(order.status.rawValue, forKey: .status)
      try container.encode(order.filledQuantity.description, forKey: .filledQuantity)
      try container.encode(order.averageFillPrice?.description, forKey: .averagePrice)
      try container.encode(order.confidence.isFinite ? order.confidence : 0, forKey: .confidence)
      try container.encode(order.createdAt.iso8601, forKey: .createdAt)
      try container.encode(order.updatedAt.iso8601, forKey: .updatedAt)
      try container.encode(order.reason, forKey: .reason)
      try container.encode(order.meta.filter { $0.value.isFinite }, forKey: .meta)
    }
  }

  struct FillView: Encodable {
    var fill: FillRecord

    enum CodingKeys: String, CodingKey {
      case id, symbol, side, quantity, price, commission, timestamp
      case orderID = "order_id"
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(fill.id, forKey: .id)
      try container.encode(fill.fill.orderID.rawValue, forKey: .orderID)
      try container.encode(fill.fill.symbol, forKey: .symbol)
      try container.encode(fill.fill.side.rawValue, forKey: .side)
      try container.encode(fill.fill.quantity.description, forKey: .quantity)
      try container.encode(fill.fill.price.description, forKey: .price)
      try container.encode(fill.fill.commission.description, forKey: .commission)
      try container.encode(fill.fill.timestamp.iso8601, forKey: .timestamp)
    }
  }

  /// `{items, next_cursor}` with `next_cursor` null on the last page.
  struct PageView<Item: Encodable>: Encodable {
    var items: [Item]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey {
      case items
      case nextCursor = "next_cursor"
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(items, forKey: .items)
      try container.encode(nextCursor, forKey: .nextCursor)
    }
  }
}

/// One position as `GET /api/positions` shows it, valued at the latest mark when there is one.
public struct PositionView: Sendable, Hashable, Encodable {
  public var symbol: String
  public var quantity: Quantity
  public var averagePrice: Price
  public var marketPrice: Price?
  public var unrealizedPnL: Money?
  public var realizedPnL: Money

  public init(
    symbol: String, quantity: Quantity, averagePrice: Price, marketPrice: Price?, unrealizedPnL: Money?,
    realizedPnL: Money
  ) {
    self.symbol = symbol
    self.quantity = quantity
    self.averagePrice = averagePrice
    self.marketPrice = marketPrice
    self.unrealizedPnL = unrealizedPnL
    self.realizedPnL = realizedPnL
  }

  enum CodingKeys: String, CodingKey {
    case symbol, quantity
    case averagePrice = "average_price"
    case marketPrice = "market_price"
    case unrealizedPnL = "unrealized_pnl"
    case realizedPnL = "realized_pnl"
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(symbol, forKey: .symbol)
    try container.encode(quantity.description, forKey: .quantity)
    try container.encode(averagePrice.description, forKey: .averagePrice)
    try container.encode(marketPrice?.description, forKey: .marketPrice)
    try container.encode(unrealizedPnL?.description, forKey: .unrealizedPnL)
    try container.encode(realizedPnL.description, forKey: .realizedPnL)
  }
}

/// The account as `GET /api/portfolio` shows it.
public struct PortfolioView: Sendable, Hashable, Encodable {
  public var cash: Money
  public var equity: Money
  public var realizedPnL: Money
  public var unrealizedPnL: Money
  public var grossExposure: Money
  public var netExposure: Money
  public var positionsCount: Int
  public var timestamp: Timestamp

  public init(
    cash: Money, equity: Money, realizedPnL: Money, unrealizedPnL: Money, grossExposure: Money,
    netExposure: Money, positionsCount: Int, timestamp: Timestamp
  ) {
    self.cash = cash
    self.equity = equity
    self.realizedPnL = realizedPnL
    self.unrealizedPnL = unrealizedPnL
    self.grossExposure = grossExposure
    self.netExposure = netExposure
    self.positionsCount = positionsCount
    self.timestamp = timestamp
  }

  /// The view of `portfolio` valued at `marks` at `timestamp`.
  public init(portfolio: Portfolio, marks: [String: Price], at timestamp: Timestamp) {
    var net = Money.zero
    var positions = 0
    for position in portfolio.positions.values where !position.isFlat {
      positions += 1
      net += position.marketValue(mark: marks[position.symbol] ?? position.averageEntryPrice)
    }
    self.init(
      cash: portfolio.cash, equity: portfolio.equity(marks: marks), realizedPnL: portfolio.realizedPnL,
      unrealizedPnL: portfolio.unrealizedPnL(marks: marks), grossExposure: portfolio.grossExposure(marks: marks),
      netExposure: net, positionsCount: positions, timestamp: timestamp)
  }

  enum CodingKeys: String, CodingKey {
    case cash, equity, timestamp
    case realizedPnL = "realized_pnl"
    case unrealizedPnL = "unrealized_pnl"
    case grossExposure = "gross_exposure"
    case netExposure = "net_exposure"
    case positionsCount = "positions_count"
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(cash.description, forKey: .cash)
    try container.encode(equity.description, forKey: .equity)
    try container.encode(realizedPnL.description, forKey: .realizedPnL)
    try container.encode(unrealizedPnL.description, forKey: .unrealizedPnL)
    try container.encode(grossExposure.description, forKey: .grossExposure)
    try container.encode(netExposure.description, forKey: .netExposure)
    try container.encode(positionsCount, forKey: .positionsCount)
    try container.encode(timestamp.iso8601, forKey: .timestamp)
  }
}

/// Where the API reads the live account (the portfolio service in the embedded system).
public protocol PortfolioReading: Sendable {
  /// Every open position, valued at the latest marks.
  func positionViews() async -> [PositionView]
  /// The account now.
  func portfolioView() async -> PortfolioView
}
