import Testing

@testable import TradingCore

@Suite struct TickValidatorTests {
  static let start = Timestamp(secondsSinceEpoch: 1_704_189_600)

  static func quote(
    _ symbol: String = "AAPL", bid: Price = 100, ask: Price = 101, volume: Quantity = 10, second: Int64 = 0
  ) -> Tick {
    Tick(symbol: symbol, timestamp: start.adding(seconds: second), bid: bid, ask: ask, volume: volume)
  }

  @Test func acceptsAGoodTick() throws {
    var validator = TickValidator()
    try validator.validate(Self.quote())
    #expect(validator.acceptedCount == 1)
    #expect(validator.rejectedCount == 0)
    #expect(validator.latestTimestamps["AAPL"] == Self.start)
  }

  @Test func rejectsNonPositivePrices() {
    var validator = TickValidator()
    #expect(throws: TickValidationError.nonPositivePrice(symbol: "AAPL", bid: 0, ask: 101)) {
      try validator.validate(Self.quote(bid: 0))
    }
    #expect(throws: TickValidationError.nonPositivePrice(symbol: "AAPL", bid: -1, ask: -1)) {
      try validator.validate(Self.quote(bid: -1, ask: -1))
    }
    #expect(validator.rejections == ["non_positive_price": 2])
  }

  @Test func rejectsACrossedQuote() {
    var validator = TickValidator()
    #expect(throws: TickValidationError.askBelowBid(symbol: "AAPL", bid: 101, ask: 100)) {
      try validator.validate(Self.quote(bid: 101, ask: 100))
    }
    #expect(validator.rejections["ask_below_bid"] == 1)
  }

  @Test func rejectsNegativeVolume() {
    var validator = TickValidator()
    #expect(throws: TickValidationError.negativeVolume(symbol: "AAPL", volume: -5)) {
      try validator.validate(Self.quote(volume: -5))
    }
    #expect(validator.rejections["negative_volume"] == 1)
  }

  @Test(arguments: ["", "aapl", "AAPL US", "ABCDEFGHIJKLMNOPQRSTU", "BTC$", "ÄPFEL"])
  func rejectsMalformedSymbols(symbol: String) {
    var validator = TickValidator()
    #expect(throws: TickValidationError.malformedSymbol(symbol)) {
      try validator.validate(Self.quote(symbol))
    }
    #expect(validator.rejections["malformed_symbol"] == 1)
  }

  @Test(arguments: ["A", "BRK.B", "EUR/USD", "BTC-USD", "ES_F", "NASDAQ:AAPL", "ABCDEFGHIJKLMNOPQRST"])
  func acceptsTradersSymbols(symbol: String) {
    #expect(TickValidator.isWellFormed(symbol: symbol))
  }

  @Test func rejectsTicksOutOfOrderBeyondTheTolerance() throws {
    var validator = TickValidator(outOfOrderToleranceNanoseconds: 2 * Timestamp.nanosecondsPerSecond)
    try validator.validate(Self.quote(second: 10))
    try validator.validate(Self.quote(second: 8))  // 2 s late: tolerated
    #expect(validator.latestTimestamps["AAPL"] == Self.start.adding(seconds: 10))
    let late = Self.quote(second: 7)
    #expect(
      throws: TickValidationError.outOfOrder(
        symbol: "AAPL", timestamp: late.timestamp, latest: Self.start.adding(seconds: 10),
        toleranceNanoseconds: 2_000_000_000)
    ) {
      try validator.validate(late)
    }
    // Order is kept per symbol: another symbol's clock is its own.
    try validator.validate(Self.quote("MSFT", second: 0))
    #expect(validator.acceptedCount == 3)
    #expect(validator.rejections == ["out_of_order": 1])
  }

  @Test func rejectedTickChangesNothingButTheCounters() throws {
    var validator = TickValidator()
    try validator.validate(Self.quote(second: 5))
    #expect(throws: TickValidationError.self) { try validator.validate(Self.quote(bid: 0, second: 50)) }
    try validator.validate(Self.quote(second: 6))
    #expect(validator.acceptedCount == 2)
    #expect(validator.rejectedCount == 1)
  }

  @Test func errorsSayWhatToFix() {
    let error = TickValidationError.askBelowBid(symbol: "AAPL", bid: Price("101.5")!, ask: 100)
    #expect(error.description == "AAPL: ask 100 is below bid 101.5")
    #expect(error.reason == "ask_below_bid")
    #expect(TickValidationError.malformedSymbol("x").description.contains("A–Z"))
  }
}
