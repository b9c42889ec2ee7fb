import Testing

@testable import TradingCore

/// Fees worked by hand and checked with Python's `decimal` (half-to-even at the eighth digit).
@Suite struct CommissionModelTests {
  static func decimal(_ text: String) -> Fixed { Fixed(text)! }

  @Test func perOrderPlusPerUnitPlusRate() {
    let model = CommissionModel(perOrder: 1, perUnit: Self.decimal("0.005"), rate: Self.decimal("0.001"))
    // 1 + 300 × 0.005 + 300 × 12.34 × 0.001 = 1 + 1.5 + 3.702
    #expect(model.commission(quantity: 300, price: Self.decimal("12.34")) == Self.decimal("6.202"))
    // The quantity's sign does not matter: a sell pays the same fee.
    #expect(model.commission(quantity: -300, price: Self.decimal("12.34")) == Self.decimal("6.202"))
  }

  @Test func backtestingPyRelativeCommission() {
    // The GOOG run's first entry: 59 × 169.02 × 0.002 (backtesting.py's trade list: 19.94436 of 41.0817).
    let model = CommissionModel(rate: Self.decimal("0.002"))
    #expect(model.commission(quantity: 59, price: Self.decimal("169.02")) == Self.decimal("19.94436"))
    #expect(model.commission(quantity: 59, price: Self.decimal("179.13")) == Self.decimal("21.13734"))
  }

  @Test func fixedAndPerUnitOnly() {
    let model = CommissionModel(perOrder: Self.decimal("2.5"), perUnit: Self.decimal("0.0035"))
    #expect(model.commission(quantity: Self.decimal("123.456"), price: 1) == Self.decimal("2.932096"))
    #expect(model.commission(quantity: Self.decimal("123.456"), price: 1_000) == Self.decimal("2.932096"))
    #expect(CommissionModel.free.commission(quantity: 1_000, price: 1_000) == .zero)
  }

  @Test func negativeRateIsARebate() {
    let model = CommissionModel(rate: Self.decimal("-0.0002"))
    #expect(model.commission(quantity: 1_000, price: Self.decimal("0.70003")) == Self.decimal("-0.140006"))
  }

  @Test func roundsHalfToEvenAtTheEighthDigit() {
    let half = CommissionModel(rate: Self.decimal("0.5"))
    // 3 × 0.00000005 × 0.5 = 0.000000075 → 0.00000008; 1 × 0.00000005 × 0.5 = 0.000000025 → 0.00000002.
    #expect(half.commission(quantity: 3, price: Self.decimal("0.00000005")) == Self.decimal("0.00000008"))
    #expect(half.commission(quantity: 1, price: Self.decimal("0.00000005")) == Self.decimal("0.00000002"))
    // 1234.5678 × 98.7654321 × 0.0015 = 182.898933335619570 → 182.89893334.
    let rate = CommissionModel(rate: Self.decimal("0.0015"))
    #expect(
      rate.commission(quantity: Self.decimal("1234.5678"), price: Self.decimal("98.7654321"))
        == Self.decimal("182.89893334"))
  }

  /// The floating-point fee per unit backtesting.py sizes with: `(fixed + |size| × price × rate) / |size|`.
  @Test func feePerUnitForSizingFollowsBacktestingPy() {
    let fraction = OrderSizing.allAvailableFraction
    // python3: (0 + (1 - eps) * 169.02 * 0.002) / (1 - eps) == 0.33804
    #expect(
      CommissionModel(rate: Self.decimal("0.002")).feePerUnitForSizing(fraction: fraction, price: 169.02) == 0.33804)
    // python3: 5 / (1 - sys.float_info.epsilon) == 5.000000000000001
    #expect(CommissionModel(perOrder: 5).feePerUnitForSizing(fraction: fraction, price: 100) == 5.000000000000001)
  }
}
