import Testing

@testable import TradingCore

@Suite struct PatternEngineTests {
  static let rising = MarketPaths.prices(count: 120, drift: 0.001, noise: 0.0005)

  @Test func countsTicksAndSignals() {
    var engine = PatternEngine(seed: 1)
    let signals = MarketPaths.trades(prices: Self.rising).compactMap { engine.process($0) }
    #expect(engine.ticksProcessed == 120)
    #expect(engine.signalsEmitted == signals.count)
    #expect(signals.count > 50)
    #expect(engine.recentSignals(symbol: "AAPL") == signals.suffix(100))
  }

  @Test func keepsSymbolsApart() {
    var engine = PatternEngine(seed: 1)
    let falling = MarketPaths.prices(count: 120, drift: -0.001, noise: 0.0005, seed: 2)
    let aapl = MarketPaths.trades("AAPL", prices: Self.rising)
    let msft = MarketPaths.trades("MSFT", prices: falling)
    for (up, down) in zip(aapl, msft) {
      _ = engine.process(up)
      _ = engine.process(down)
    }
    #expect(engine.states.count == 2)
    #expect(engine.recentSignals(symbol: "AAPL").allSatisfy { $0.score > 0 && $0.symbol == "AAPL" })
    #expect(engine.recentSignals(symbol: "MSFT").allSatisfy { $0.score < 0 && $0.symbol == "MSFT" })
    #expect(engine.states["AAPL"]?.fastEMA.count == 120)
    #expect(engine.recentSignals(symbol: "TSLA").isEmpty)
  }

  @Test func idsIncreaseWithTime() {
    var engine = PatternEngine(seed: 1)
    let signals = MarketPaths.trades(prices: Self.rising).compactMap { engine.process($0) }
    #expect(zip(signals, signals.dropFirst()).allSatisfy { $0.id < $1.id })
    #expect(signals.allSatisfy { $0.id.milliseconds == $0.timestamp.millisecondsSinceEpoch })
  }

  @Test func idsIncreaseWithinOneMillisecond() {
    var ids = SignalIDGenerator(seed: 9)
    let made = (0..<1000).map { _ in ids.next(at: MarketPaths.start) }
    #expect(zip(made, made.dropFirst()).allSatisfy { $0 < $1 })
    // A tick older than the last id's does not take the ids back in time either.
    #expect(ids.next(at: MarketPaths.start.adding(seconds: -5)) > made[999])
  }

  @Test func sameSeedSameIDs() {
    func ids(seed: UInt64) -> [TimeSortableID] {
      var engine = PatternEngine(seed: seed)
      return MarketPaths.trades(prices: Self.rising).compactMap { engine.process($0)?.id }
    }
    #expect(ids(seed: 42) == ids(seed: 42))
    #expect(ids(seed: 42) != ids(seed: 43))
  }
}
