import Testing

@testable import TradingCore

/// Over thousands of random fills on several symbols, the books reconcile exactly:
/// cash = starting cash + Σ realised P&L − Σ (open lot quantity × entry price + open lot entry fee),
/// every fee paid is either in a closed trade or still on an open lot, and equity at any marks is
/// cash + Σ quantity × mark — with cash and quantities kept independently of `Portfolio` here.
@Suite struct PortfolioReconciliationPropertyTests {
  static let symbols = ["AAA", "BBB", "CCC", "DDD"]

  /// A random fill: quantities of up to three decimals and prices of up to five, so that every
  /// quantity × price is exact in eight digits; fees are any amount down to 10⁻⁸.
  static func randomFill(_ random: inout SplitMix64, number: Int) -> Fill {
    let symbol = symbols[Int(random.next() % UInt64(symbols.count))]
    let quantity: Quantity
    switch random.next() % 3 {
    case 0: quantity = Fixed(Int(1 + random.next() % 50))
    case 1: quantity = Fixed(raw: Int64(1 + random.next() % 50_000) * 100_000)  // 0.001 … 50
    default: quantity = Fixed(raw: Int64(1 + random.next() % 3) * 33_300_000)  // 0.333, 0.666, 0.999
    }
    let price = Fixed(raw: Int64(1 + random.next() % 50_000_000) * 1_000)  // 0.00001 … 500
    let commission: Money
    switch random.next() % 4 {
    case 0: commission = .zero
    case 1: commission = Fixed(raw: Int64(random.next() % 1_000_000_000))  // 0 … 10, any digit
    case 2: commission = CommissionModel(rate: Fixed("0.0007")!).commission(quantity: quantity, price: price)
    default: commission = Fixed(raw: 1 + Int64(random.next() % 3))  // tiny: one to three units of 10⁻⁸
    }
    return Fill(
      orderID: OrderID("F-\(number)"), symbol: symbol, side: random.next() % 2 == 0 ? .buy : .sell,
      quantity: quantity, price: price, commission: commission,
      timestamp: Timestamp(secondsSinceEpoch: 1_700_000_000 + Int64(number)))
  }

  @Test(arguments: [1 as UInt64, 2, 3, 0xF00D])
  func cashAndLotsReconcileExactlyAfterEveryFill(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    let startingCash = Fixed(1_000_000)
    var portfolio = Portfolio(cash: startingCash)
    var cash = startingCash
    var held: [String: Quantity] = [:]
    var feesPaid = Money.zero
    // Running sums over the closed trades, so that each check costs the open lots only.
    var realized = Money.zero
    var closedFees = Money.zero
    for number in 0..<3_000 {
      let fill = Self.randomFill(&random, number: number)
      let closedCount = portfolio.closedTrades.count
      let closed = portfolio.apply(fill)
      cash -= fill.signedQuantity * fill.price + fill.commission
      held[fill.symbol, default: .zero] += fill.signedQuantity
      feesPaid += fill.commission
      for trade in closed {
        realized += trade.pnl
        closedFees += trade.commission
      }

      let lots = portfolio.positions.values.flatMap(\.lots)
      let openCost = lots.reduce(Money.zero) { $0 + $1.quantity * $1.entryPrice + $1.entryCommission }
      let feesBooked = closedFees + lots.reduce(.zero) { $0 + $1.entryCommission }
      let sameQuantities = Self.symbols.allSatisfy { portfolio.quantity(of: $0) == held[$0] ?? .zero }
      let lotsMatchQuantities = portfolio.positions.values.allSatisfy { position in
        position.lots.reduce(Quantity.zero) { $0 + $1.quantity } == position.quantity
          && position.lots.allSatisfy { $0.quantity.signum == position.quantity.signum }
      }
      guard portfolio.cash == cash, cash == startingCash + realized - openCost, feesBooked == feesPaid,
        portfolio.commissions == feesPaid, portfolio.realizedPnL == realized, sameQuantities, lotsMatchQuantities,
        portfolio.closedTrades.count == closedCount + closed.count,
        closed.allSatisfy({ $0.exitTime == fill.timestamp && $0.exitPrice == fill.price })
      else {
        Issue.record(
          """
          books drift after fill \(number) (\(fill.side) \(fill.quantity) \(fill.symbol) @ \(fill.price), fee \
          \(fill.commission)): cash \(portfolio.cash) vs \(cash); start + realised − open cost \
          \(startingCash + realized - openCost); fees booked \(feesBooked) vs paid \(feesPaid)
          """)
        return
      }
    }
  }

  @Test(arguments: [11 as UInt64, 12])
  func equityIsCashPlusQuantityTimesMark(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    var portfolio = Portfolio(cash: Fixed(50_000))
    var held: [String: Quantity] = [:]
    for number in 0..<2_000 {
      let fill = Self.randomFill(&random, number: number)
      portfolio.apply(fill)
      held[fill.symbol, default: .zero] += fill.signedQuantity
      guard number % 10 == 0 else { continue }
      var marks: [String: Price] = [:]
      for symbol in Self.symbols { marks[symbol] = Fixed(raw: Int64(1 + random.next() % 50_000_000) * 1_000) }
      let expected = Self.symbols.reduce(portfolio.cash) { $0 + (held[$1] ?? .zero) * marks[$1]! }
      var unrealized = Money.zero
      for (symbol, position) in portfolio.positions {
        for lot in position.lots { unrealized += lot.quantity * (marks[symbol]! - lot.entryPrice) }
      }
      guard portfolio.equity(marks: marks) == expected, portfolio.unrealizedPnL(marks: marks) == unrealized else {
        Issue.record("equity \(portfolio.equity(marks: marks)) vs cash + Σ q × mark \(expected) after fill \(number)")
        return
      }
    }
  }
}
