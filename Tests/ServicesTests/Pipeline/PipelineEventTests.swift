import Persistence
import Testing
import TradingCore

@testable import Services

@Suite struct PipelineEventTests {
  @Test func fillEventCarriesMoneyAsDecimalStrings() {
    let fill = Fill(
      orderID: OrderID("O-1"), symbol: "AAPL", side: .buy, quantity: 10, price: Fixed(190.05),
      commission: Fixed(0.95), timestamp: PipelineFixture.start)
    let event = TradingEvent.fill(FillRecord(order: fill.orderID, sequence: 1, fill: fill))
    #expect(event.type == .fill)
    #expect(event.symbol == "AAPL")
    #expect(
      event.json
        == #"{"payload":{"commission":"0.95","id":"O-1#1","order_id":"O-1","price":"190.05","quantity":"10","#
        + #""side":"BUY","symbol":"AAPL","timestamp":"2025-06-02T13:30:00Z"},"type":"fill"}"#)
  }

  @Test func positionEventNamesRealizedPnLInSnakeCase() {
    let record = PositionRecord(
      symbol: "MSFT", quantity: -5, averageEntryPrice: Fixed(410.5), realizedPnL: Fixed(-1.25),
      updatedAt: PipelineFixture.start)
    #expect(
      TradingEvent.position(record).json
        == #"{"payload":{"average_entry_price":"410.5","quantity":"-5","realized_pnl":"-1.25","symbol":"MSFT","#
        + #""updated_at":"2025-06-02T13:30:00Z"},"type":"position"}"#)
  }

  @Test func signalEventStartsWithItsType() {
    let signal = Signal(
      id: TimeSortableID(high: 1, low: 2), symbol: "AAPL", score: 0.5, timestamp: PipelineFixture.start,
      source: "pattern_engine", meta: ["rsi": 61, "bad": .nan])
    let json = TradingEvent.signal(signal, publishedAt: PipelineFixture.start.adding(nanoseconds: 1_500)).json
    #expect(json.hasSuffix(#","type":"signal"}"#))
    #expect(json.contains(#""meta":{"rsi":61}"#))
    #expect(json.contains(#""published_at":"2025-06-02T13:30:00.0000015Z""#))
  }
}
