import TradingCore

/// The current holding in one symbol, one row per symbol.
public struct PositionRecord: Sendable, Hashable, Codable {
  public var symbol: String
  /// Signed: positive long, negative short, zero flat.
  public var quantity: Quantity
  /// Quantity-weighted average entry price of the open lots (zero when flat).
  public var averageEntryPrice: Price
  /// P&L of everything closed so far in this symbol, net of commissions.
  public var realizedPnL: Money
  /// When the position last changed; an upsert older than the stored record is ignored.
  public var updatedAt: Timestamp

  public init(
    symbol: String, quantity: Quantity, averageEntryPrice: Price, realizedPnL: Money, updatedAt: Timestamp
  ) {
    self.symbol = symbol
    self.quantity = quantity
    self.averageEntryPrice = averageEntryPrice
    self.realizedPnL = realizedPnL
    self.updatedAt = updatedAt
  }

  /// The record of `position` as of `updatedAt`.
  public init(position: Position, updatedAt: Timestamp) {
    self.init(
      symbol: position.symbol, quantity: position.quantity, averageEntryPrice: position.averageEntryPrice,
      realizedPnL: position.realizedPnL, updatedAt: updatedAt)
  }
}
