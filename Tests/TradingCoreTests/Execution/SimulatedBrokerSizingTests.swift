import Testing

@testable import TradingCore

/// `.fractionOfAvailable` sizes in whole units exactly as backtesting.py 0.6.6 does:
/// `int(margin_available × leverage × fraction // (price + fee per unit))` in floating point.
/// Each expected size was printed by python3 with the same formula and inputs.
@Suite struct SimulatedBrokerSizingTests {
  typealias F = BrokerFixture
  static let allAvailable = OrderQuantity.fractionOfAvailable(OrderSizing.allAvailableFraction)

  static func units(
    cash: Money, price: String, commission: CommissionModel = .free, leverage: Double = 1,
    fraction: Double = OrderSizing.allAvailableFraction
  ) -> Int {
    let broker = SimulatedBroker(cash: cash, configuration: .init(commission: commission, leverage: leverage))
    return broker.wholeUnitsAffordable(fraction: fraction, price: F.decimal(price))
  }

  /// backtesting.py's first GOOG order: `int(9999.999999999998 // (169.02 + 0.33804))` = 59,
  /// the size in its trade list (−59 @ 169.02).
  @Test func theGOOGRunsFirstOrder() throws {
    var broker = SimulatedBroker(
      cash: 10_000, configuration: .init(commission: CommissionModel(rate: F.decimal("0.002"))))
    _ = broker.submit(F.market("S", .sell, Self.allAvailable), at: F.start)
    let reports = F.match(&broker, F.barAtOpen(open: "169.02", high: "172.1", low: "166.5", close: "171.3"))
    let fill = try #require(F.fills(reports).first)
    #expect(fill.quantity == 59)
    #expect(fill.price == F.decimal("169.02"))
    #expect(fill.commission == F.decimal("19.94436"))
    #expect(reports.first?.order.filledQuantity == 59)
    #expect(broker.portfolio.quantity(of: F.symbol) == -59)
  }

  @Test func handWorkedSizes() {
    let relative = CommissionModel(rate: F.decimal("0.002"))
    #expect(Self.units(cash: 10_000, price: "169.02", commission: relative) == 59)
    // Leverage 2 (margin 0.5): 19999.999999999996 // 169.35804000000002 = 118.
    #expect(Self.units(cash: 10_000, price: "169.02", commission: relative, leverage: 2) == 118)
    // A fixed fee per order counts as 5 / (1 − ε) = 5.000000000000001 per unit: 9999.999999999998 // 105.0 = 95.
    #expect(Self.units(cash: 10_000, price: "100", commission: CommissionModel(perOrder: 5)) == 95)
    // 1 − ε of the cash buys one unit less than the cash would when the price divides it.
    #expect(Self.units(cash: 10_000, price: "100") == 99)
    #expect(Self.units(cash: 10_000, price: "0.1") == 99_999)
    #expect(Self.units(cash: 10_000, price: "120", fraction: 0.5) == 41)
    #expect(Self.units(cash: 100, price: "169.02", commission: relative) == 0)
  }

  /// Margin held by an open position, valued at the last mark, is not available: equity 10,200
  /// less 1,200 in use leaves 9,000, and half of it buys 4,500 // 120 = 37 units.
  @Test func marginInUseIsNotAvailable() throws {
    var broker = SimulatedBroker(cash: 10_000)
    _ = broker.submit(F.market("B", .buy, 10), at: F.start)
    _ = F.match(&broker, F.barAtOpen(open: "100", high: "100", low: "100", close: "100"))
    _ = broker.submit(F.market("B2", .buy, .fractionOfAvailable(0.5)), at: F.start)
    let reports = F.match(&broker, F.barAtOpen(open: "120", high: "120", low: "120", close: "120"))
    #expect(F.fills(reports).map(\.quantity) == [37])
    #expect(broker.portfolio.quantity(of: F.symbol) == 47)
  }

  @Test func tooLittleCashForOneUnitIsRejected() {
    var broker = SimulatedBroker(cash: 100, configuration: .init(commission: CommissionModel(rate: F.decimal("0.002"))))
    _ = broker.submit(F.market("B", .buy, Self.allAvailable), at: F.start)
    let reports = F.match(&broker, F.barAtOpen(open: "169.02", high: "170", low: "168", close: "169"))
    #expect(F.fills(reports).isEmpty)
    #expect(F.rejections(reports) == ["insufficient margin for one unit at 169.02"])
    #expect(reports.first?.order.status == .rejected)
    #expect(broker.portfolio.cash == 100)
  }
}
