import TradingCore

/// Streaming EMA(10) updates over a seeded random walk, against TA-Lib's 2.66 ns/element.
enum IndicatorBenchmarks {
  static func emaUpdate(count: Int, repeats: Int) -> Double {
    var generator = SplitMix64(seed: 1)
    var price = 100.0
    let prices = (0..<count).map { _ in
      price += 0.01 * generator.nextGaussian()
      return price
    }
    var last = 0.0
    let timing = Harness.time(repeats: repeats) { run in
      var ema = EMA(period: 10, seed: .firstValue)
      ema.update(Double(run))
      for value in prices { ema.update(value) }
      last += ema.value
    }
    Harness.blackHole(last)
    return timing.median / Double(count) * 1e9
  }
}
