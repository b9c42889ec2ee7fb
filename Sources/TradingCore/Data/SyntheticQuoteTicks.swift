import RealModule

/// Quote ticks for one instrument from a Gaussian random walk of the mid, one tick a second,
/// with a spread of 1–3 pips — the same settings as NautilusTrader's AUD/USD benchmark feed
/// (start 0.70000, σ = 0.00002 per tick, half-spread 1–3 × 0.00005, five decimals), so both
/// sides of a comparison process the same kind of work. The numbers differ from numpy's
/// generator; the distribution does not.
public struct SyntheticQuoteTicks: Sequence, Sendable {
  public var symbol: String
  public var count: Int
  public var seed: UInt64
  public var start: Timestamp
  public var initialMid: Double
  public var stepStandardDeviation: Double
  public var volume: Quantity

  public init(
    symbol: String = "AUD/USD", count: Int, seed: UInt64 = 42,
    start: Timestamp = CivilDateTime(year: 2024, month: 1, day: 1).timestamp, initialMid: Double = 0.7,
    stepStandardDeviation: Double = 0.000_02, volume: Quantity = Fixed(1_000_000)
  ) {
    precondition(count >= 0, "tick count cannot be negative")
    self.symbol = symbol
    self.count = count
    self.seed = seed
    self.start = start
    self.initialMid = initialMid
    self.stepStandardDeviation = stepStandardDeviation
    self.volume = volume
  }

  public func makeIterator() -> Iterator { Iterator(self) }

  /// Produces the ticks one by one.
  public struct Iterator: IteratorProtocol {
    let feed: SyntheticQuoteTicks
    var generator: SplitMix64
    var mid: Double
    var produced = 0

    init(_ feed: SyntheticQuoteTicks) {
      self.feed = feed
      generator = SplitMix64(seed: feed.seed)
      mid = feed.initialMid
    }

    public mutating func next() -> Tick? {
      guard produced < feed.count else { return nil }
      mid += feed.stepStandardDeviation * generator.nextGaussian()
      let halfSpread = Double(1 + generator.next() % 3) * 0.000_05
      let time = feed.start.adding(seconds: Int64(produced))
      produced += 1
      return Tick(
        symbol: feed.symbol, timestamp: time, bid: Self.fiveDecimals(mid - halfSpread),
        ask: Self.fiveDecimals(mid + halfSpread), volume: feed.volume)
    }

    /// Rounds to five decimals (a 0.1-pip price increment), exactly.
    static func fiveDecimals(_ price: Double) -> Price {
      Fixed(raw: Int64((price * 100_000).rounded(.toNearestOrEven)) * 1_000)
    }
  }
}
