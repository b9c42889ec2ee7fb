import Testing

@testable import TradingCore

/// Slippage moves the price against the trader by basis points, exactly (Python `decimal` checked).
@Suite struct SlippageModelTests {
  static func decimal(_ text: String) -> Fixed { Fixed(text)! }

  @Test func buysPayMoreAndSellsReceiveLess() {
    let model = SlippageModel(basisPoints: 10)
    #expect(model.adjusted(100, side: .buy) == Self.decimal("100.1"))
    #expect(model.adjusted(100, side: .sell) == Self.decimal("99.9"))
    #expect(model.adjusted(Self.decimal("169.02"), side: .buy) == Self.decimal("169.18902"))
    #expect(model.adjusted(Self.decimal("169.02"), side: .sell) == Self.decimal("168.85098"))
  }

  @Test func fractionalBasisPointsRoundHalfToEven() {
    // 0.70003 × 2.5 / 10,000 = 0.0001750075 → 0.00017501.
    let model = SlippageModel(basisPoints: Self.decimal("2.5"))
    #expect(model.adjusted(Self.decimal("0.70003"), side: .buy) == Self.decimal("0.70020501"))
    #expect(model.adjusted(Self.decimal("0.70003"), side: .sell) == Self.decimal("0.69985499"))
  }

  @Test func noSlippageLeavesThePrice() {
    #expect(SlippageModel.none.adjusted(Self.decimal("0.70003"), side: .buy) == Self.decimal("0.70003"))
    #expect(SlippageModel.none.adjusted(Self.decimal("0.70003"), side: .sell) == Self.decimal("0.70003"))
  }
}
