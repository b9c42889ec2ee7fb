import TradingCore

/// What `place_order` asks for, its arguments checked.
public struct PlaceOrderRequest: Sendable, Hashable {
  /// The client's id: one client id makes one order however often it is sent.
  public var clientOrderID: String
  public var symbol: String
  public var side: Side
  public var kind: Order.Kind
  /// Units, positive.
  public var quantity: Quantity
  /// Required for limit orders, absent for market orders.
  public var limitPrice: Price?

  public init(
    clientOrderID: String, symbol: String, side: Side, kind: Order.Kind, quantity: Quantity, limitPrice: Price? = nil
  ) {
    self.clientOrderID = clientOrderID
    self.symbol = symbol
    self.side = side
    self.kind = kind
    self.quantity = quantity
    self.limitPrice = limitPrice
  }
}
