/// Moves a fill price against the trader by a number of basis points: buys pay more, sells
/// receive less. Zero slippage leaves the price as the fill model chose it.
public struct SlippageModel: Sendable, Hashable, Codable {
  public var basisPoints: Fixed

  public init(basisPoints: Fixed = .zero) { self.basisPoints = basisPoints }

  public static let none = SlippageModel()

  /// The price after slippage for a fill on `side` at `price`.
  @inlinable public func adjusted(_ price: Price, side: Side) -> Price {
    guard !basisPoints.isZero else { return price }
    let shift = price * basisPoints / Fixed(10_000)
    return side == .buy ? price + shift : price - shift
  }
}
