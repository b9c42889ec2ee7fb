import Testing

@testable import TradingCore

@Suite struct SyntheticMarketTests {
  static let instruments = [
    SyntheticMarket.Instrument(symbol: "AAPL", startPrice: 190, drift: 0.000_1, volatility: 0.002),
    SyntheticMarket.Instrument(symbol: "MSFT", startPrice: 410, drift: -0.000_2, volatility: 0.001),
    SyntheticMarket.Instrument(
      symbol: "EUR/USD", startPrice: 1.08, volatility: 0.000_5, tickSize: Fixed(0.00001), spreadBasisPoints: 1),
  ]

  static func ticks(seed: UInt64 = 7, count: Int = 3_000) -> [Tick] {
    Array(SyntheticMarket(instruments: instruments, seed: seed, tickCount: count))
  }

  @Test func sameSeedSameTicksOtherSeedOtherTicks() {
    #expect(Self.ticks() == Self.ticks())
    #expect(Self.ticks() != Self.ticks(seed: 8))
  }

  @Test func roundRobinWithOneTimestampPerRound() {
    let ticks = Self.ticks(count: 7)
    #expect(ticks.map(\.symbol) == ["AAPL", "MSFT", "EUR/USD", "AAPL", "MSFT", "EUR/USD", "AAPL"])
    let seconds = ticks.map { $0.timestamp.nanosecondsSinceEpoch - ticks[0].timestamp.nanosecondsSinceEpoch }
    #expect(seconds == [0, 0, 0, 1, 1, 1, 2].map { $0 * 1_000_000_000 })
  }

  @Test func quotesArePositiveUncrossedOnTheGridAndPassValidation() throws {
    var validator = TickValidator()
    let tickSizes = Dictionary(uniqueKeysWithValues: Self.instruments.map { ($0.symbol, $0.tickSize.raw) })
    for tick in Self.ticks() {
      #expect(tick.bid.isPositive && tick.bid < tick.ask)
      #expect(tick.bid.raw % tickSizes[tick.symbol]! == 0 && tick.ask.raw % tickSizes[tick.symbol]! == 0)
      #expect(tick.volume >= 1 && tick.volume.raw % Fixed.scale == 0)
      try validator.validate(tick)
    }
  }

  @Test func logReturnsHaveTheConfiguredDriftAndVolatility() {
    let steps = 20_000
    let instrument = SyntheticMarket.Instrument(
      symbol: "SPY", startPrice: 500, drift: 0.000_5, volatility: 0.004, tickSize: Fixed(0.0001))
    let mids = SyntheticMarket(instruments: [instrument], seed: 11, tickCount: steps).map(\.midPrice)
    let returns = zip(mids, mids.dropFirst()).map { Double.log($1 / $0) }
    let mean = returns.reduce(0, +) / Double(returns.count)
    let variance = returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(returns.count - 1)
    // Standard error of the mean is σ/√n ≈ 0.000028; allow six of them. The sample σ is within
    // a few percent for n = 20,000; allow 5 %. Rounding to 0.0001 on 500 adds ~1e-7 of noise.
    #expect(abs(mean - instrument.drift) < 6 * instrument.volatility / Double(steps).squareRoot())
    #expect(abs(variance.squareRoot() / instrument.volatility - 1) < 0.05)
  }

  @Test func endlessWhenNoCountIsGiven() {
    let market = SyntheticMarket(instruments: Self.instruments, seed: 1)
    #expect(Array(market.prefix(50_000)).count == 50_000)
  }
}
