@testable import TradingCore

/// Small market situations for the pattern tests.
enum MarketPaths {
  /// 2024-01-02T10:00:00Z, a Tuesday morning.
  static let start = Timestamp(secondsSinceEpoch: 1_704_189_600)

  /// Trade ticks for `symbol`, one second apart from `start`, all of volume `volume` unless
  /// `volumes` gives each.
  static func trades(
    _ symbol: String = "AAPL", prices: [Double], volume: Double = 100, volumes: [Double]? = nil,
    from first: Timestamp = start
  ) -> [Tick] {
    prices.indices.map { index in
      Tick.trade(
        symbol: symbol, timestamp: first.adding(seconds: Int64(index)), price: Price(prices[index]),
        volume: Quantity(volumes?[index] ?? volume))
    }
  }

  /// 100 · exp(drift · t + noise · εₜ), with εₜ standard normal from a seeded generator.
  static func prices(count: Int, drift: Double, noise: Double, seed: UInt64 = 1) -> [Double] {
    var generator = SplitMix64(seed: seed)
    return (0..<count).map { step in
      100 * Double.exp(drift * Double(step) + noise * generator.nextGaussian())
    }
  }

  /// Feeds every tick to `state` and returns the signals it emitted.
  static func run(_ ticks: [Tick], through state: inout SymbolPatternState, seed: UInt64 = 1) -> [Signal] {
    var ids = SignalIDGenerator(seed: seed)
    return ticks.compactMap { state.update($0, ids: &ids) }
  }
}
