/// A holding in one symbol, kept as first-in-first-out lots so that every closed piece
/// becomes a `ClosedTrade` with its own entry, exit and P&L (as backtesting.py and most
/// brokers' trade reports count them).
public struct Position: Sendable, Hashable, Codable {
  /// One opening fill, or what is left of it.
  public struct Lot: Sendable, Hashable, Codable {
    /// Signed: positive long, negative short.
    public var quantity: Quantity
    public var entryPrice: Price
    public var entryTime: Timestamp
    /// The entry fee not yet attributed to a closed trade.
    public var entryCommission: Money
  }

  public var symbol: String
  /// Open lots, oldest first; all have the same sign.
  public private(set) var lots: [Lot] = []
  /// Net signed quantity: positive long, negative short, zero flat.
  public private(set) var quantity: Quantity = .zero
  /// P&L of everything closed so far, net of both legs' commissions.
  public private(set) var realizedPnL: Money = .zero

  public init(symbol: String) { self.symbol = symbol }

  public var isFlat: Bool { quantity.isZero }

  /// Quantity-weighted average entry price of the open lots (zero when flat).
  public var averageEntryPrice: Price {
    guard !quantity.isZero else { return .zero }
    var cost = Money.zero
    for lot in lots { cost += lot.quantity * lot.entryPrice }
    return cost / quantity
  }

  /// quantity × (mark − entry) over the open lots, before fees.
  public func unrealizedPnL(mark: Price) -> Money {
    var pnl = Money.zero
    for lot in lots { pnl += lot.quantity * (mark - lot.entryPrice) }
    return pnl
  }

  /// |quantity| × mark.
  public func marketValue(mark: Price) -> Money { quantity * mark }

  /// Applies a fill: closes opposite lots first-in-first-out, then opens a lot with what is left.
  /// Returns the trades it closed (possibly none).
  @discardableResult
  public mutating func apply(_ fill: Fill) -> [ClosedTrade] {
    precondition(fill.symbol == symbol, "fill for \(fill.symbol) applied to position in \(symbol)")
    var remaining = fill.signedQuantity
    var closed: [ClosedTrade] = []
    // The part of the fill's fee not yet given to a piece. The piece that uses up the fill takes
    // all of it, so rounded shares always add up to the fee exactly and the books reconcile.
    var feeLeft = fill.commission
    while !remaining.isZero, let first = lots.first, first.quantity.signum != remaining.signum {
      let closing = first.quantity.magnitude < remaining.magnitude ? first.quantity : -remaining
      // Each closed piece carries its share of the fill's fee and of the lot's entry fee.
      let exitCommission =
        closing == -remaining ? feeLeft : Self.share(of: fill.commission, closing.magnitude, of: fill.quantity)
      feeLeft -= exitCommission
      let entryCommission =
        closing == first.quantity
        ? first.entryCommission : Self.share(of: first.entryCommission, closing.magnitude, of: first.quantity.magnitude)
      let trade = ClosedTrade(
        symbol: symbol, quantity: closing, entryPrice: first.entryPrice, exitPrice: fill.price,
        entryTime: first.entryTime, exitTime: fill.timestamp, commission: entryCommission + exitCommission)
      closed.append(trade)
      realizedPnL += trade.pnl
      if closing == first.quantity {
        lots.removeFirst()
      } else {
        lots[0].quantity -= closing
        lots[0].entryCommission -= entryCommission
      }
      quantity -= closing
      remaining += closing
    }
    if !remaining.isZero {
      lots.append(
        Lot(quantity: remaining, entryPrice: fill.price, entryTime: fill.timestamp, entryCommission: feeLeft))
      quantity += remaining
    }
    return closed
  }

  /// amount × part ÷ whole, rounded once (half-to-even) from the exact 128-bit product, so a
  /// share is as close to its true value as eight digits allow: 16.50 × 100 ÷ 150 is 11, where
  /// 16.50 × (100 ÷ 150 rounded to 0.66666667) would be 11.00000006.
  static func share(of amount: Money, _ part: Quantity, of whole: Quantity) -> Money {
    Fixed(raw: Fixed.divideRounded(Int128(amount.raw) * Int128(part.raw), by: Int128(whole.raw)))
  }
}

/// A round trip: a lot (or part of one) opened and closed, with its P&L net of both fees.
public struct ClosedTrade: Sendable, Hashable, Codable {
  public var symbol: String
  /// Signed: positive for a long trade, negative for a short one.
  public var quantity: Quantity
  public var entryPrice: Price
  public var exitPrice: Price
  public var entryTime: Timestamp
  public var exitTime: Timestamp
  /// Entry and exit commissions together.
  public var commission: Money

  /// quantity × (exit − entry) − commission.
  public var pnl: Money { quantity * (exitPrice - entryPrice) - commission }

  /// The return on the entry value, net of commissions (backtesting.py's `ReturnPct`, as a fraction).
  public var returnFraction: Double {
    let entry = entryPrice.doubleValue
    let gross = Double(quantity.signum) * (exitPrice.doubleValue / entry - 1)
    return gross - commission.doubleValue / (quantity.magnitude.doubleValue * entry)
  }
}
