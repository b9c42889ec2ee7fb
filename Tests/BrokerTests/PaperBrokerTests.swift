import Broker
import Testing
import TradingCore

@Suite struct PaperBrokerTests {
  static let start = CivilDateTime(year: 2025, month: 3, day: 3, hour: 14).timestamp
  static let configuration = SimulatedBroker.Configuration(
    commission: CommissionModel(perOrder: Fixed(1)), slippage: SlippageModel(basisPoints: Fixed(10)))

  static func quote(_ symbol: String = "AAPL", bid: Price, ask: Price, second: Int64 = 0) -> Tick {
    Tick(symbol: symbol, timestamp: start.adding(seconds: second), bid: bid, ask: ask, volume: 100)
  }

  static func market(_ id: String, _ side: Side, _ units: Quantity, symbol: String = "AAPL") -> Order {
    Order(id: OrderID(id), symbol: symbol, side: side, quantity: .units(units), createdAt: start)
  }

  @Test func rejectsWithAReasonBeforeAnyQuote() async {
    let broker = PaperBroker(cash: 10_000)
    let placement = await broker.place(Self.market("O-1", .buy, 10))
    #expect(placement.order.status == .rejected)
    #expect(placement.order.reason == "no quote for AAPL yet")
    #expect(placement.fills.isEmpty)
    #expect(await broker.account().cash == 10_000)
  }

  @Test func buysAtTheAskAndSellsAtTheBidWithSlippageAndCommission() async {
    let broker = PaperBroker(cash: 10_000, configuration: Self.configuration)
    _ = await broker.updateQuote(Self.quote(bid: 100, ask: Fixed(100.1)))
    let buy = await broker.place(Self.market("O-1", .buy, 10))
    #expect(buy.order.status == .filled)
    // 100.1 + 10 bp = 100.2001
    #expect(buy.fills.map(\.price) == [Fixed(100.2001)])
    #expect(buy.fills.map(\.commission) == [Fixed(1)])
    let sell = await broker.place(Self.market("O-2", .sell, 4))
    // 100 − 10 bp = 99.9
    #expect(sell.fills.map(\.price) == [Fixed(99.9)])
    let account = await broker.account()
    #expect(account.positions == ["AAPL": 6])
    #expect(account.cash == 10_000 - Fixed(1002.001) - 1 + Fixed(399.6) - 1)
  }

  @Test func placingTheSameOrderTwiceTradesOnce() async {
    let broker = PaperBroker(cash: 10_000)
    _ = await broker.updateQuote(Self.quote(bid: 50, ask: 50))
    let first = await broker.place(Self.market("O-1", .buy, 10))
    let second = await broker.place(Self.market("O-1", .buy, 10))
    #expect(first == second)
    #expect(await broker.account().positions == ["AAPL": 10])
  }

  @Test func remembersOnlyTheLatestPlacements() async {
    let broker = PaperBroker(cash: 10_000, rememberedPlacements: 2)
    _ = await broker.updateQuote(Self.quote(bid: 50, ask: 50))
    for id in ["O-1", "O-2", "O-3"] { _ = await broker.place(Self.market(id, .buy, 1)) }
    // O-3 and O-2 are remembered; O-1 was forgotten, so placing it again trades again.
    _ = await broker.place(Self.market("O-3", .buy, 1))
    _ = await broker.place(Self.market("O-2", .buy, 1))
    #expect(await broker.account().positions == ["AAPL": 3])
    _ = await broker.place(Self.market("O-1", .buy, 1))
    #expect(await broker.account().positions == ["AAPL": 4])
  }

  @Test func restingLimitOrderFillsOnALaterQuote() async throws {
    let broker = PaperBroker(cash: 10_000)
    _ = await broker.updateQuote(Self.quote(bid: 50, ask: 51))
    var limit = Self.market("O-1", .buy, 5)
    limit.kind = .limit
    limit.limitPrice = 49
    let placement = await broker.place(limit)
    #expect(placement.order.status == .accepted)
    #expect(placement.fills.isEmpty)
    let reports = await broker.updateQuote(Self.quote(bid: 48, ask: 49, second: 1))
    #expect(reports.map(\.order.status) == [.filled])
    await #expect(throws: BrokerError.unknownOrder(OrderID("O-1"))) {
      try await broker.cancel(OrderID("O-1"))
    }
  }

  @Test func restoringStoredFillsRebuildsTheAccount() async {
    let live = PaperBroker(cash: 10_000, configuration: Self.configuration)
    var fills: [Fill] = []
    for (index, side) in [Side.buy, .buy, .sell].enumerated() {
      _ = await live.updateQuote(Self.quote(bid: Fixed(100 + index), ask: Fixed(101 + index), second: Int64(index)))
      fills += await live.place(Self.market("O-\(index)", side, 3)).fills
    }
    let restored = PaperBroker(cash: 10_000, configuration: Self.configuration)
    await restored.restore(fills: fills)
    #expect(await restored.portfolio == live.portfolio)
    #expect(await restored.account().cash == live.account().cash)
    #expect(await restored.account().positions == ["AAPL": 3])
  }
}
