/// Cash and positions of one account, updated by fills.
///
/// The books always reconcile: cash = starting cash + realised P&L − cost of open lots − entry
/// fees of open lots, exactly, because every amount is `Fixed`.
public struct Portfolio: Sendable, Hashable, Codable {
  public private(set) var startingCash: Money
  public private(set) var cash: Money
  public private(set) var positions: [String: Position] = [:]
  /// Sum of all fees paid.
  public private(set) var commissions: Money = .zero
  /// Every round trip closed so far, in order.
  public private(set) var closedTrades: [ClosedTrade] = []

  public init(cash: Money) {
    startingCash = cash
    self.cash = cash
  }

  /// Net signed quantity held in `symbol`.
  @inlinable public func quantity(of symbol: String) -> Quantity { positions[symbol]?.quantity ?? .zero }

  /// Realised P&L over all symbols, net of fees of closed trades.
  public var realizedPnL: Money { positions.values.reduce(.zero) { $0 + $1.realizedPnL } }

  /// Applies a fill to cash and to its symbol's position; returns the trades it closed.
  @discardableResult
  public mutating func apply(_ fill: Fill) -> [ClosedTrade] {
    cash -= fill.signedQuantity * fill.price + fill.commission
    commissions += fill.commission
    let closed = positions[fill.symbol, default: Position(symbol: fill.symbol)].apply(fill)
    closedTrades.append(contentsOf: closed)
    return closed
  }

  /// Unrealised P&L at the given marks (symbols without a mark count at their entry price).
  public func unrealizedPnL(marks: [String: Price]) -> Money {
    positions.values.reduce(.zero) { total, position in
      guard let mark = marks[position.symbol] else { return total }
      return total + position.unrealizedPnL(mark: mark)
    }
  }

  /// Cash plus the market value of every position at the given marks.
  public func equity(marks: [String: Price]) -> Money {
    positions.values.reduce(cash) { total, position in
      total + position.marketValue(mark: marks[position.symbol] ?? position.averageEntryPrice)
    }
  }

  /// Σ |quantity × mark| over all positions.
  public func grossExposure(marks: [String: Price]) -> Money {
    positions.values.reduce(.zero) { total, position in
      total + position.marketValue(mark: marks[position.symbol] ?? position.averageEntryPrice).magnitude
    }
  }
}
