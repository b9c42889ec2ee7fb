/// An execution: some quantity of an order traded at one price, with the fee it cost.
public struct Fill: Sendable, Hashable, Codable {
  public var orderID: OrderID
  public var symbol: String
  public var side: Side
  /// Always positive; `side` gives the direction.
  public var quantity: Quantity
  public var price: Price
  public var commission: Money
  public var timestamp: Timestamp

  public init(
    orderID: OrderID, symbol: String, side: Side, quantity: Quantity, price: Price, commission: Money,
    timestamp: Timestamp
  ) {
    precondition(quantity.isPositive, "a fill's quantity is positive")
    self.orderID = orderID
    self.symbol = symbol
    self.side = side
    self.quantity = quantity
    self.price = price
    self.commission = commission
    self.timestamp = timestamp
  }

  /// +quantity for a buy, −quantity for a sell.
  @inlinable public var signedQuantity: Quantity { side == .buy ? quantity : -quantity }

  /// quantity × price.
  @inlinable public var notional: Money { quantity * price }
}
