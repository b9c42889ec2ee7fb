import Testing

@testable import TradingCore

@Suite struct TickCSVParserTests {
  @Test func readsQuoteRowsWithAHeaderAndOptionalVolume() throws {
    let text = """
      timestamp,symbol,bid,ask,volume
      2025-01-02T14:30:00Z,AAPL,190.01,190.03,300

      2025-01-02T14:30:00.5Z,MSFT,410.1,410.2
      1735828201000000000,AAPL,190.02,190.04,12.5\r
      """
    let ticks = try TickCSVParser().parse(text)
    let start = CivilDateTime(year: 2025, month: 1, day: 2, hour: 14, minute: 30).timestamp
    #expect(
      ticks == [
        Tick(symbol: "AAPL", timestamp: start, bid: Fixed(190.01), ask: Fixed(190.03), volume: 300),
        Tick(symbol: "MSFT", timestamp: start.adding(nanoseconds: 500_000_000), bid: Fixed(410.1), ask: Fixed(410.2)),
        Tick(
          symbol: "AAPL", timestamp: start.adding(seconds: 1), bid: Fixed(190.02), ask: Fixed(190.04),
          volume: Fixed(12.5)),
      ])
  }

  @Test func leavesPriceChecksToTheValidator() throws {
    let ticks = try TickCSVParser().parse("2025-01-02,AAPL,-1,5\n")
    #expect(ticks.count == 1)
    var validator = TickValidator()
    #expect(throws: TickValidationError.self) { try validator.validate(ticks[0]) }
  }

  @Test(arguments: [
    ("2025-01-02,AAPL,1\n", TickCSVError.fieldCount(line: 1, found: 3)),
    ("timestamp,symbol,bid,ask\n2025-13-02,AAPL,1,2\n", .unparseableTimestamp(line: 2, text: "2025-13-02")),
    ("2025-01-02,AAPL,1,2\n2025-01-02, ,1,2\n", .missingSymbol(line: 2)),
    ("2025-01-02,AAPL,1,x\n", .nonNumeric(line: 1, column: "ask", text: "x")),
    ("2025-01-02,AAPL,1,2,\n", .nonNumeric(line: 1, column: "volume", text: "")),
    ("timestamp,symbol,bid,ask\n\n", .noRows),
  ])
  func namesTheLineAndTheProblem(text: String, expected: TickCSVError) {
    #expect(throws: expected) { try TickCSVParser().parse(text) }
  }

  @Test func turnsBarClosesIntoTradeTicks() throws {
    let text = """
      Date,Open,High,Low,Close,Volume
      2025-01-02,10,12,9,11,1000
      2025-01-03,11,13,10,12.5,1500
      """
    let ticks = try TickCSVParser(layout: .barCloses(symbol: "GOOG")).parse(text)
    #expect(ticks.map(\.bid) == [11, Fixed(12.5)])
    #expect(ticks.allSatisfy { $0.bid == $0.ask && $0.symbol == "GOOG" })
    #expect(ticks.map(\.volume) == [1000, 1500])
  }

  @Test func reportsBarFileErrorsWithTheirLine() {
    let text = "Date,Open,High,Low,Close\n2025-01-02,10,9,11,10\n"
    #expect(throws: TickCSVError.bars(.highBelowLow(line: 2, high: 9, low: 11))) {
      try TickCSVParser(layout: .barCloses(symbol: "GOOG")).parse(text)
    }
    #expect(TickCSVError.bars(.highBelowLow(line: 2, high: 9, low: 11)).line == 2)
  }
}
