import RealModule

/// A seeded multi-symbol market: each symbol's mid follows geometric Brownian motion, quoted
/// with a bid and an ask around it and a log-normal traded volume.
///
/// Ticks come round-robin — one per symbol in the order given, then the next round — and every
/// tick of a round carries the same timestamp, `interval` after the previous round's. The same
/// seed gives the same ticks, bit for bit, so a test or a demo run can be replayed.
///
/// Per step the log of the mid moves by `drift + volatility × Z` with Z standard normal: `drift`
/// is the mean log return per step (GBM's μ − σ²/2), which is what a test can measure directly.
/// Bid and ask are the mid less and plus half the spread, rounded outwards to the symbol's tick
/// size exactly with `Fixed`, so they always lie on the price grid and never cross.
public struct SyntheticMarket: Sequence, Sendable {
  /// One symbol's price process and quoting.
  public struct Instrument: Sendable, Hashable {
    public var symbol: String
    public var startPrice: Double
    /// Mean log return per step.
    public var drift: Double
    /// Standard deviation of the log return per step.
    public var volatility: Double
    /// The price increment; bid and ask are multiples of it.
    public var tickSize: Price
    /// Full bid–ask spread around the mid, in basis points of the mid.
    public var spreadBasisPoints: Double
    /// Median traded volume per tick; volumes are log-normal around it.
    public var medianVolume: Double
    /// Standard deviation of the log of the volume.
    public var volumeDispersion: Double

    public init(
      symbol: String, startPrice: Double, drift: Double = 0, volatility: Double = 0.001, tickSize: Price = Fixed(0.01),
      spreadBasisPoints: Double = 2, medianVolume: Double = 100, volumeDispersion: Double = 0.5
    ) {
      precondition(startPrice > 0 && startPrice.isFinite, "start price must be positive")
      precondition(volatility >= 0 && volatility.isFinite, "volatility must not be negative")
      precondition(tickSize.isPositive, "tick size must be positive")
      precondition(spreadBasisPoints >= 0, "spread must not be negative")
      precondition(medianVolume >= 1, "median volume must be at least one unit")
      self.symbol = symbol
      self.startPrice = startPrice
      self.drift = drift
      self.volatility = volatility
      self.tickSize = tickSize
      self.spreadBasisPoints = spreadBasisPoints
      self.medianVolume = medianVolume
      self.volumeDispersion = volumeDispersion
    }
  }

  public var instruments: [Instrument]
  public var seed: UInt64
  public var start: Timestamp
  /// Time between two rounds (one tick per symbol), in nanoseconds.
  public var intervalNanoseconds: Int64
  /// Ticks to produce over all symbols; nil for an endless feed.
  public var tickCount: Int?

  public init(
    instruments: [Instrument], seed: UInt64, start: Timestamp = CivilDateTime(year: 2025, month: 1, day: 2).timestamp,
    intervalNanoseconds: Int64 = 1_000_000_000, tickCount: Int? = nil
  ) {
    precondition(!instruments.isEmpty, "a market needs at least one instrument")
    precondition(intervalNanoseconds > 0, "the interval must be positive")
    precondition(tickCount.map { $0 >= 0 } ?? true, "tick count cannot be negative")
    self.instruments = instruments
    self.seed = seed
    self.start = start
    self.intervalNanoseconds = intervalNanoseconds
    self.tickCount = tickCount
  }

  public func makeIterator() -> Iterator { Iterator(self) }

  /// Produces the ticks one by one.
  public struct Iterator: IteratorProtocol, Sendable {
    let market: SyntheticMarket
    var generator: SplitMix64
    var logMids: [Double]
    var produced = 0

    init(_ market: SyntheticMarket) {
      self.market = market
      generator = SplitMix64(seed: market.seed)
      logMids = market.instruments.map { Double.log($0.startPrice) }
    }

    public mutating func next() -> Tick? {
      if let count = market.tickCount, produced >= count { return nil }
      let index = produced % market.instruments.count
      let round = Int64(produced / market.instruments.count)
      produced += 1
      let instrument = market.instruments[index]
      logMids[index] += instrument.drift + instrument.volatility * generator.nextGaussian()
      let mid = Double.exp(logMids[index])
      let halfSpread = mid * instrument.spreadBasisPoints / 20_000
      let bid = SyntheticMarket.onGrid(mid - halfSpread, tickSize: instrument.tickSize, roundingUp: false)
      let ask = Swift.max(
        SyntheticMarket.onGrid(mid + halfSpread, tickSize: instrument.tickSize, roundingUp: true),
        bid + instrument.tickSize)
      let volume = Double.exp(
        Double.log(instrument.medianVolume) + instrument.volumeDispersion * generator.nextGaussian())
      return Tick(
        symbol: instrument.symbol, timestamp: market.start.adding(nanoseconds: round * market.intervalNanoseconds),
        bid: bid, ask: ask, volume: Fixed(Swift.max(1, volume.rounded())))
    }
  }

  /// `price` rounded down (or up) to a whole number of ticks, never below one tick.
  static func onGrid(_ price: Double, tickSize: Price, roundingUp: Bool) -> Price {
    let ticks = (price / tickSize.doubleValue).rounded(roundingUp ? .up : .down)
    return Fixed(raw: Swift.max(1, Int64(ticks)) * tickSize.raw)
  }
}
