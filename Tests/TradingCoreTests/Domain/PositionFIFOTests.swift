import Testing

@testable import TradingCore

/// First-in-first-out lots worked by hand: partial closes, a flip through zero in one fill, the
/// split of a fill's commission between the part that closes and the part that opens.
@Suite struct PositionFIFOTests {
  static func time(_ second: Int64) -> Timestamp { Timestamp(secondsSinceEpoch: 1_700_000_000 + second) }

  static func fill(_ side: Side, _ quantity: String, at price: String, fee: String, second: Int64) -> Fill {
    Fill(
      orderID: OrderID("O-\(second)"), symbol: "XYZ", side: side, quantity: Fixed(quantity)!, price: Fixed(price)!,
      commission: Fixed(fee)!, timestamp: time(second))
  }

  static func decimal(_ text: String) -> Fixed { Fixed(text)! }

  /// The scenario below, fill by fill:
  ///  1. buy 10 @ 100, fee 2.00            → lots [+10 @ 100 (fee 2.00)]
  ///  2. buy 10 @ 110, fee 2.20            → lots [+10 @ 100, +10 @ 110 (2.20)]; average 105
  ///  3. sell 5 @ 120, fee 0.60            → closes 5 of lot 1: fees 1.00 (half of 2.00) + 0.60,
  ///                                         P&L 5 × 20 − 1.60 = 98.40; lot 1 keeps 5 and fee 1.00
  ///  4. sell 20 @ 90, fee 3.60            → closes lot 1's 5: fees 1.00 + 3.60 × 5/20 = 1.90,
  ///                                         P&L 5 × (−10) − 1.90 = −51.90;
  ///                                         closes lot 2's 10: fees 2.20 + 3.60 × 10/20 = 4.00,
  ///                                         P&L 10 × (−20) − 4.00 = −204.00;
  ///                                         opens −5 @ 90 with fee 3.60 × 5/20 = 0.90
  ///  5. buy 2 @ 80, fee 0.32              → closes 2 of the short: fees 0.90 × 2/5 + 0.32 = 0.68,
  ///                                         P&L −2 × (80 − 90) − 0.68 = 19.32; lot keeps −3, fee 0.54
  static let fills = [
    fill(.buy, "10", at: "100", fee: "2", second: 1),
    fill(.buy, "10", at: "110", fee: "2.2", second: 2),
    fill(.sell, "5", at: "120", fee: "0.6", second: 3),
    fill(.sell, "20", at: "90", fee: "3.6", second: 4),
    fill(.buy, "2", at: "80", fee: "0.32", second: 5),
  ]

  @Test func opensLotsAndAveragesTheirPrices() {
    var position = Position(symbol: "XYZ")
    #expect(position.apply(Self.fills[0]).isEmpty)
    #expect(position.apply(Self.fills[1]).isEmpty)
    #expect(position.quantity == 20)
    #expect(position.averageEntryPrice == 105)
    #expect(position.lots.map(\.quantity) == [10, 10])
    #expect(position.lots.map(\.entryCommission) == [2, Self.decimal("2.2")])
    #expect(position.unrealizedPnL(mark: 100) == -100)
    #expect(position.realizedPnL == .zero)
  }

  @Test func partialCloseTakesTheOldestLotAndItsShareOfTheEntryFee() {
    var position = Position(symbol: "XYZ")
    for fill in Self.fills[0...1] { position.apply(fill) }
    let closed = position.apply(Self.fills[2])
    #expect(
      closed == [
        ClosedTrade(
          symbol: "XYZ", quantity: 5, entryPrice: 100, exitPrice: 120, entryTime: Self.time(1), exitTime: Self.time(3),
          commission: Self.decimal("1.6"))
      ])
    #expect(closed.first?.pnl == Self.decimal("98.4"))
    #expect(position.quantity == 15)
    #expect(position.lots.map(\.quantity) == [5, 10])
    #expect(position.lots.map(\.entryCommission) == [1, Self.decimal("2.2")])
    // (5 × 100 + 10 × 110) / 15 = 106.666…, rounded half-to-even at the eighth digit.
    #expect(position.averageEntryPrice == Self.decimal("106.66666667"))
    #expect(position.realizedPnL == Self.decimal("98.4"))
  }

  @Test func oneFillFlipsThroughZeroAndSplitsItsFee() {
    var position = Position(symbol: "XYZ")
    for fill in Self.fills[0...2] { position.apply(fill) }
    let closed = position.apply(Self.fills[3])
    #expect(
      closed == [
        ClosedTrade(
          symbol: "XYZ", quantity: 5, entryPrice: 100, exitPrice: 90, entryTime: Self.time(1), exitTime: Self.time(4),
          commission: Self.decimal("1.9")),
        ClosedTrade(
          symbol: "XYZ", quantity: 10, entryPrice: 110, exitPrice: 90, entryTime: Self.time(2), exitTime: Self.time(4),
          commission: 4),
      ])
    #expect(closed.map(\.pnl) == [Self.decimal("-51.9"), -204])
    #expect(position.quantity == -5)
    #expect(
      position.lots == [
        Position.Lot(quantity: -5, entryPrice: 90, entryTime: Self.time(4), entryCommission: Self.decimal("0.9"))
      ])
    #expect(position.averageEntryPrice == 90)
    // The fill's 3.60 is split 0.90 + 1.80 (closed) + 0.90 (opened), nothing lost or made.
    let feeBooked = closed.reduce(Money.zero) { $0 + $1.commission } - 1 - Self.decimal("2.2") + Self.decimal("0.9")
    #expect(feeBooked == Self.decimal("3.6"))
    #expect(position.realizedPnL == Self.decimal("-157.5"))
  }

  @Test func shortLotsCloseFirstInFirstOutToo() {
    var position = Position(symbol: "XYZ")
    for fill in Self.fills[0...3] { position.apply(fill) }
    let closed = position.apply(Self.fills[4])
    #expect(
      closed == [
        ClosedTrade(
          symbol: "XYZ", quantity: -2, entryPrice: 90, exitPrice: 80, entryTime: Self.time(4), exitTime: Self.time(5),
          commission: Self.decimal("0.68"))
      ])
    #expect(closed.first?.pnl == Self.decimal("19.32"))
    #expect(position.lots.map(\.quantity) == [-3])
    #expect(position.lots.map(\.entryCommission) == [Self.decimal("0.54")])
    #expect(position.realizedPnL == Self.decimal("-138.18"))
    // Short 3 from 90, marked at 85: +15 before fees; market value is signed.
    #expect(position.unrealizedPnL(mark: 85) == 15)
    #expect(position.marketValue(mark: 85) == -255)
  }

  @Test func closingExactlyToFlatLeavesNoLot() {
    var position = Position(symbol: "XYZ")
    position.apply(Self.fill(.sell, "3", at: "50", fee: "0.3", second: 1))
    let closed = position.apply(Self.fill(.buy, "3", at: "40", fee: "0.2", second: 2))
    #expect(closed.map(\.pnl) == [Self.decimal("29.5")])  // −3 × (40 − 50) − 0.5
    #expect(position.isFlat)
    #expect(position.lots.isEmpty)
    #expect(position.averageEntryPrice == .zero)
    #expect(position.unrealizedPnL(mark: 1) == .zero)
  }

  /// A fee's share is fee × piece ÷ fill rounded once (16.50 × 100/150 = 11, not 11.00000006),
  /// and the piece that uses up the fill takes what is left, so the shares add up to the fee.
  @Test func feeSharesAreRoundedOnceAndAddUp() {
    var position = Position(symbol: "XYZ")
    position.apply(Self.fill(.buy, "100", at: "11", fee: "11", second: 1))
    let closed = position.apply(Self.fill(.sell, "150", at: "11", fee: "16.5", second: 2))
    #expect(closed.map(\.commission) == [22])
    #expect(position.lots.map(\.entryCommission) == [Self.decimal("5.5")])

    var thirds = Position(symbol: "XYZ")
    thirds.apply(Self.fill(.sell, "1", at: "10", fee: "0", second: 1))
    thirds.apply(Self.fill(.sell, "1", at: "10", fee: "0", second: 2))
    let pieces = thirds.apply(Self.fill(.buy, "3", at: "10", fee: "1", second: 3))
    #expect(pieces.map(\.commission) == [Self.decimal("0.33333333"), Self.decimal("0.33333333")])
    #expect(thirds.lots.map(\.entryCommission) == [Self.decimal("0.33333334")])
  }

  /// backtesting.py's `ReturnPct` of the GOOG run's first trade (−59 @ 169.02 → 179.13, fees
  /// 41.0817): −0.06393503727369543 in its trade list.
  @Test func returnFractionIsNetOfBothFees() {
    let trade = ClosedTrade(
      symbol: "GOOG", quantity: -59, entryPrice: Self.decimal("169.02"), exitPrice: Self.decimal("179.13"),
      entryTime: Self.time(0), exitTime: Self.time(1), commission: Self.decimal("41.0817"))
    #expect(trade.pnl == Self.decimal("-637.5717"))
    #expect(abs(trade.returnFraction - -0.06393503727369543) < 1e-15)
  }
}
