import Broker
import Testing
import TradingCore

/// An order that closes a position and would open the other way with more than the account can
/// pay for: the closing part trades, the opening part is refused.
@Suite struct PaperBrokerPartialCloseTests {
  static let start = CivilDateTime(year: 2025, month: 3, day: 3, hour: 14).timestamp

  static func quote(bid: Price, ask: Price, second: Int64 = 0) -> Tick {
    Tick(symbol: "AAPL", timestamp: start.adding(seconds: second), bid: bid, ask: ask, volume: 100)
  }

  static func market(_ id: String, _ side: Side, _ units: Quantity) -> Order {
    Order(id: OrderID(id), symbol: "AAPL", side: side, quantity: .units(units), createdAt: start)
  }

  @Test func keepsTheClosingFillAndRejectsTheUnaffordableRemainder() async {
    let broker = PaperBroker(cash: 10_000)
    _ = await broker.updateQuote(Self.quote(bid: 100, ask: 100))
    let opening = await broker.place(Self.market("O-1", .buy, 50))
    #expect(opening.order.status == .filled)
    #expect(await broker.account().cash == 5_000)

    // Selling 200 closes the 50 held; the 150 short that would follow needs 15,000 of margin
    // against 10,000 of equity.
    let placement = await broker.place(Self.market("O-2", .sell, 200))
    #expect(placement.order.status == .rejected)
    #expect(placement.order.filledQuantity == 50)
    #expect(placement.fills.map(\.quantity) == [50])
    #expect(placement.fills.map(\.side) == [.sell])
    #expect(placement.fills.map(\.price) == [100])
    #expect(placement.fills.map(\.orderID) == [OrderID("O-2")])
    #expect(placement.order.reason == "insufficient margin for 150 units at 100")

    let account = await broker.account()
    #expect(account.positions.isEmpty)
    #expect(account.cash == 10_000)

    // Placing the same id again answers the same placement and trades nothing more.
    #expect(await broker.place(Self.market("O-2", .sell, 200)) == placement)
    #expect(await broker.account().cash == 10_000)
  }
}
