import Testing

@testable import TradingCore

/// An order must be paid for: what opens or adds to a position needs margin, what closes one
/// releases it first (as backtesting.py closes opposite trades before it checks margin).
@Suite struct SimulatedBrokerMarginTests {
  typealias F = BrokerFixture

  static func bar(_ price: String) -> MarketSnapshot {
    F.barAtOpen(open: price, high: price, low: price, close: price)
  }

  @Test func anOrderBeyondTheCashIsRejectedAndBooksNothing() throws {
    var broker = SimulatedBroker(cash: 1_000)
    _ = broker.submit(F.market("big", .buy, 11), at: F.start)
    let reports = F.match(&broker, Self.bar("100"))
    #expect(F.fills(reports).isEmpty)
    #expect(F.rejections(reports) == ["insufficient margin for 11 units at 100"])
    let order = try #require(reports.first?.order)
    #expect(order.status == .rejected)
    #expect(order.reason == "insufficient margin for 11 units at 100")
    #expect(broker.portfolio.cash == 1_000)
    #expect(broker.portfolio.positions.values.allSatisfy { $0.isFlat })
    #expect(!broker.hasOpenOrders)

    _ = broker.submit(F.market("exact", .buy, 10), at: F.start)
    let exact = F.match(&broker, Self.bar("100"))
    #expect(F.fills(exact).map(\.quantity) == [10])
    #expect(broker.portfolio.cash == .zero)
  }

  @Test func theCommissionMustBePaidForToo() {
    var broker = SimulatedBroker(
      cash: 1_000, configuration: .init(commission: CommissionModel(rate: F.decimal("0.01"))))
    _ = broker.submit(F.market("ten", .buy, 10), at: F.start)  // 10 × 101 = 1,010 > 1,000
    _ = broker.submit(F.market("nine", .buy, 9), at: F.start)  // 9 × 101 = 909
    let reports = F.match(&broker, Self.bar("100"))
    #expect(F.rejections(reports).count == 1)
    #expect(F.fills(reports).map(\.quantity) == [9])
    #expect(broker.portfolio.cash == 91)
  }

  @Test func leverageBuysMore() {
    var broker = SimulatedBroker(cash: 1_000, configuration: .init(leverage: 2))
    _ = broker.submit(F.market("too many", .buy, 21), at: F.start)
    _ = broker.submit(F.market("fits", .buy, 19), at: F.start)
    let reports = F.match(&broker, Self.bar("100"))
    #expect(F.rejections(reports).count == 1)
    #expect(F.fills(reports).map(\.quantity) == [19])
    #expect(broker.portfolio.cash == -900)
  }

  /// Long 10 with no cash left: selling 15 closes the 10 (releasing 1,000) and the 5 short fit.
  @Test func closingReleasesMarginBeforeTheCheck() {
    var broker = SimulatedBroker(cash: 1_000)
    _ = broker.submit(F.market("long", .buy, 10), at: F.start)
    _ = F.match(&broker, Self.bar("100"))
    _ = broker.submit(F.market("flip", .sell, 15), at: F.start)
    let reports = F.match(&broker, Self.bar("100"))
    #expect(F.fills(reports).map(\.quantity) == [15])
    #expect(broker.portfolio.quantity(of: F.symbol) == -5)
    #expect(broker.portfolio.cash == 1_500)
  }

  /// Long 10 with no cash left: selling 25 closes the 10, but the 15 short would need 1,500
  /// where 1,000 is available. The closing part fills; the opening part is rejected.
  @Test func theClosingPartFillsWhileTheUnaffordableOpeningPartIsRejected() throws {
    var broker = SimulatedBroker(cash: 1_000)
    _ = broker.submit(F.market("long", .buy, 10), at: F.start)
    _ = F.match(&broker, Self.bar("100"))
    _ = broker.submit(F.market("flip", .sell, 25), at: F.start)
    let reports = F.match(&broker, Self.bar("100"))
    #expect(reports.count == 2)
    guard case .filled(let closedPart, let fill) = reports.first else {
      Issue.record("expected the closing part filled first, got \(reports)")
      return
    }
    #expect(fill.side == .sell && fill.quantity == 10 && fill.price == 100)
    #expect(closedPart.filledQuantity == 10)
    #expect(closedPart.status == .partiallyFilled)
    guard case .rejected(let refused, let reason) = reports.last else {
      Issue.record("expected the opening part rejected, got \(reports)")
      return
    }
    #expect(reason == "insufficient margin for 15 units at 100")
    #expect(refused.status == .rejected)
    #expect(refused.filledQuantity == 10)
    #expect(refused.reason == reason)
    #expect(broker.portfolio.quantity(of: F.symbol) == .zero)
    #expect(broker.portfolio.cash == 1_000)
    #expect(!broker.hasOpenOrders)
  }
}
