import Foundation
import Testing
import TradingCore

/// `DirectionFeatures` computes, close by close, what the training script computed with pandas.
@Suite struct DirectionFeaturesTests {
  /// Within 1e-9 relative or 1e-12 absolute (features near zero have no useful relative error).
  private static func matches(_ actual: [Double], _ expected: [Double]) -> Bool {
    actual.count == expected.count
      && zip(actual, expected).allSatisfy { abs($0 - $1) <= max(1e-12, 1e-9 * abs($1)) }
  }

  @Test func streamingOverTheClosesGivesPandasFeatures() throws {
    let rows = try DirectionFixtures.features()
    try #require(rows.count == 600)
    var features = DirectionFeatures()
    var compared = 0
    for (index, row) in rows.enumerated() {
      let actual = features.update(close: row.close)
      if index < DirectionFeatures.warmUp - 1 {
        #expect(actual == nil, "row \(index) (\(row.date)) is in the warm-up")
        #expect(row.features == nil, "the fixture has no features for row \(index)")
        continue
      }
      let expected = try #require(row.features, "the fixture has features from row 20 on; row \(index)")
      let got = try #require(actual, "features from the 21st close on; row \(index)")
      #expect(Self.matches(got, expected), "row \(index) (\(row.date)): \(got) vs \(expected)")
      #expect(features.current == got)
      compared += 1
    }
    #expect(compared == 580)
  }

  /// Closes growing by a constant factor e^0.01: every one-bar log return is 0.01, so
  /// r1 = 0.01, r5 = 0.05, r20 = 0.2 and their sample deviation is 0; worked out by hand.
  @Test func geometricClosesGiveHandComputedReturns() throws {
    var features = DirectionFeatures()
    var last: [Double]?
    for bar in 0..<40 { last = features.update(close: 100 * Double.exp(0.01 * Double(bar))) }
    let row = try #require(last)
    #expect(abs(row[0] - 0.01) < 1e-12)
    #expect(abs(row[1] - 0.05) < 1e-12)
    #expect(abs(row[2] - 0.2) < 1e-12)
    #expect(abs(row[3]) < 1e-12)
    // A rising series stays above its averages, and the fast average above the slow one.
    #expect(row[4] > 0 && row[5] > 0)
  }

  @Test func featuresTravelInSignalMetaAndBack() throws {
    #expect(
      DirectionFeatures.metaKeys == [
        "feature.r1", "feature.r5", "feature.r20", "feature.vol20", "feature.ema10_gap", "feature.ema10_30_gap",
      ])
    let row = [0.012, -0.03, 0.11, 0.0075, -0.002, 0.0041]
    var meta = Dictionary(uniqueKeysWithValues: zip(DirectionFeatures.metaKeys, row))
    meta["rsi"] = 42.5
    #expect(DirectionFeatures.row(fromMeta: meta) == row)

    var missing = meta
    missing["feature.vol20"] = nil
    #expect(DirectionFeatures.row(fromMeta: missing) == nil)
    var notFinite = meta
    notFinite["feature.r5"] = .nan
    #expect(DirectionFeatures.row(fromMeta: notFinite) == nil)
    #expect(DirectionFeatures.row(fromMeta: ["rsi": 42.5]) == nil)
  }

  /// Ticks over 26 seconds make one-second bars whose closes are each second's last mid; the
  /// features after each completed bar are those of `DirectionFeatures` over those closes.
  @Test func oneSecondBarsOfTickMidsGiveTheFeaturesOfTheirCloses() throws {
    let start = Timestamp(secondsSinceEpoch: 1_735_689_600)
    let closes = try DirectionFixtures.features().prefix(26).map { Fixed($0.close) }
    let halfSpread = Fixed(raw: 5_000_000)
    var bars = DirectionFeatureBars(intervalSeconds: 1)
    var reference = DirectionFeatures()
    func tick(_ symbol: String, second: Int, milliseconds: Int, mid: Fixed) -> Tick {
      Tick(
        symbol: symbol,
        timestamp: Timestamp(
          nanosecondsSinceEpoch: start.nanosecondsSinceEpoch + Int64(second) * 1_000_000_000
            + Int64(milliseconds) * 1_000_000),
        bid: mid - halfSpread, ask: mid + halfSpread, volume: 1)
    }
    for (second, close) in closes.enumerated() {
      // The first tick of a second completes the previous second's bar, and gives its row.
      let closing = bars.update(tick("SPX", second: second, milliseconds: 100, mid: close + 3))
      if second > 0 {
        let expected = reference.update(close: closes[second - 1].doubleValue)
        #expect(bars.features(of: "SPX") == expected, "after bar \(second - 1)")
        #expect(closing == expected, "after bar \(second - 1)")
        #expect((expected == nil) == (second < DirectionFeatures.warmUp), "after bar \(second - 1)")
      } else {
        #expect(closing == nil)
      }
      bars.update(tick("OTHER", second: second, milliseconds: 300, mid: 50))
      #expect(bars.update(tick("SPX", second: second, milliseconds: 500, mid: close - 2)) == nil, "inside a bar")
      #expect(bars.update(tick("SPX", second: second, milliseconds: 900, mid: close)) == nil, "inside a bar")
    }
    #expect(reference.current != nil)
    // A symbol's bars are its own: OTHER's constant mid gives zero returns and gaps (up to
    // the rounding of the recursive averages).
    let other = try #require(bars.features(of: "OTHER"))
    #expect(other.count == 6 && other.allSatisfy { abs($0) < 1e-12 }, "\(other)")
    #expect(bars.features(of: "NONE") == nil)
  }
}
