import Testing

@testable import TradingCore

@Suite struct StrategyContextTests {
  @Test func grossExposureSumsOtherSymbolsAtLastPrice() {
    let context = StrategyFixture.context(
      positions: ["AAA": 1_000, "BBB": -200, "CCC": 10], prices: ["AAA": 50, "BBB": 100, "CCC": 40])
    // |1,000 × 50| + |−200 × 100| = 70,000, CCC excluded.
    #expect(context.grossExposure(excluding: "CCC") == 70_000)
    #expect(context.grossExposure(excluding: "AAA") == 20_400)
    let unpriced = StrategyFixture.context(positions: ["AAA": 1_000], prices: [:])
    #expect(unpriced.grossExposure(excluding: "CCC") == nil)
  }

  @Test func unusableFiguresReadAsUnknown() {
    let context = StrategyFixture.context(prices: ["AAPL": 0], volatilities: ["AAPL": 0])
    #expect(context.lastPrice(of: "AAPL") == nil)
    #expect(context.volatility(of: "AAPL") == nil)
    #expect(context.position(of: "AAPL") == .zero)
  }

  @Test func buildsFromAPortfolio() {
    var portfolio = Portfolio(cash: 10_000)
    portfolio.apply(
      Fill(
        orderID: OrderID("O-1"), symbol: "AAPL", side: .buy, quantity: 10, price: 100, commission: 1,
        timestamp: StrategyFixture.morning))
    let context = StrategyContext(portfolio: portfolio, marks: ["AAPL": 110], timestamp: StrategyFixture.morning)
    // cash 10,000 − 1,000 − 1 = 8,999; equity 8,999 + 10 × 110 = 10,099.
    #expect(context.cash == 8_999)
    #expect(context.equity == 10_099)
    #expect(context.position(of: "AAPL") == 10)
  }
}
