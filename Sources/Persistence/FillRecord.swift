import TradingCore

/// A fill as the store keeps it: the execution plus the id that makes storing it idempotent.
///
/// The id comes from whoever executed the order (the broker's execution id, or one derived from
/// the order id and the fill's sequence number), so a fill event delivered twice is stored once.
public struct FillRecord: Sendable, Hashable, Codable {
  public var id: String
  public var fill: Fill

  public init(id: String, fill: Fill) {
    self.id = id
    self.fill = fill
  }

  /// The id of the `sequence`-th fill (from 1) of `order`: `"<order id>#<sequence>"`.
  public init(order: OrderID, sequence: Int, fill: Fill) {
    self.init(id: "\(order)#\(sequence)", fill: fill)
  }
}
