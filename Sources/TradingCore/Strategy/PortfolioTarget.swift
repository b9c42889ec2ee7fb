/// The signed position the strategy wants to hold in one symbol: positive long, negative short,
/// zero flat. The order is the difference between this and what is held.
///
/// LEAN's `IPortfolioTarget` (QuantConnect/Lean, `Algorithm/Portfolio/PortfolioTarget.cs`):
/// portfolio construction emits targets, risk management may adjust them, execution trades the
/// difference.
public struct PortfolioTarget: Sendable, Hashable {
  public var symbol: String
  /// The signed quantity to hold after trading.
  public var quantity: Quantity

  @inlinable public init(symbol: String, quantity: Quantity) {
    self.symbol = symbol
    self.quantity = quantity
  }
}
