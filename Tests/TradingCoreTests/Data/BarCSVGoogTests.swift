import Foundation
import Testing

@testable import TradingCore

/// GOOG.csv from the backtesting.py 0.6.6 wheel, fetched by `scripts/setup.sh`.
@Suite struct BarCSVGoogTests {
  /// `$AITRADER_VENDOR_DIR/data/GOOG.csv`, else `<package root>/.vendor/data/GOOG.csv`.
  static func googBytes() throws -> [UInt8] {
    let vendor =
      ProcessInfo.processInfo.environment["AITRADER_VENDOR_DIR"].map { URL(fileURLWithPath: $0) }
      ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".vendor")
    let file = vendor.appendingPathComponent("data/GOOG.csv")
    guard let data = FileManager.default.contents(atPath: file.path) else { throw MissingVendorFile(path: file.path) }
    return [UInt8](data)
  }

  /// Fails the test (rather than skipping it) with what to run.
  struct MissingVendorFile: Error, CustomStringConvertible {
    let path: String
    var description: String { "\(path) is missing: run `bash scripts/setup.sh` (or `make setup`) first" }
  }

  @Test func parsesEveryBarOfGOOG() throws {
    let bars = try BarCSVParser().parse(Self.googBytes())
    #expect(bars.count == 2148)
    #expect(
      bars.first
        == Bar(
          timestamp: CivilDateTime(year: 2004, month: 8, day: 19).timestamp, open: 100, high: Fixed("104.06")!,
          low: Fixed("95.96")!, close: Fixed("100.34")!, volume: 22_351_900))
    #expect(bars.last?.timestamp == CivilDateTime(year: 2013, month: 3, day: 1).timestamp)
  }

  /// The closes and timestamps pandas read from the same file, as the statistics fixture holds them.
  @Test func agreesWithPandasOnEveryCloseAndDate() throws {
    let bars = try BarCSVParser().parse(Self.googBytes())
    let fixture = try StatsFixture.load("goog_smacross")
    #expect(bars.map(\.timestamp) == fixture.barTimestamps)
    #expect(bars.map(\.close.doubleValue) == fixture.closes)
  }
}
