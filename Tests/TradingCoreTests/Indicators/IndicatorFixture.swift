import Foundation
import Testing

/// Groups the indicator suites, so that `swift test --filter Indicator` runs all of them.
enum IndicatorTests {}

/// Peer values written by `scripts/make_indicator_fixtures.py` (TA-Lib, pandas, numpy), one
/// array per CSV column, row `i` being the value after input `i`.
struct IndicatorFixture {
  let columns: [String: [Double]]

  /// The committed fixture, read from the test bundle.
  static func peers() throws -> IndicatorFixture {
    let url = try #require(
      Bundle.module.url(forResource: "peers", withExtension: "csv", subdirectory: "Fixtures/indicators"))
    let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
    let names = lines[0].split(separator: ",").map(String.init)
    var columns = [String: [Double]]()
    for line in lines.dropFirst() {
      let fields = line.split(separator: ",")
      try #require(fields.count == names.count)
      for (name, field) in zip(names, fields) {
        columns[name, default: []].append(try #require(Double(String(field))))
      }
    }
    return IndicatorFixture(columns: columns)
  }

  subscript(name: String) -> [Double] { columns[name] ?? [] }
}

/// Whether `actual` is within `relative` of `expected`; NaN matches only NaN, so the
/// not-ready prefix of a peer's output is checked too.
func isClose(_ actual: Double, _ expected: Double, relative: Double = 1e-9) -> Bool {
  if expected.isNaN { return actual.isNaN }
  return actual == expected || abs(actual - expected) <= relative * abs(expected)
}

/// The index of every row where `actual` and `expected` differ, with both values.
func mismatches(_ actual: [Double], _ expected: [Double], relative: Double = 1e-9) -> [(Int, Double, Double)] {
  guard actual.count == expected.count else { return [(-1, Double(actual.count), Double(expected.count))] }
  return actual.indices.compactMap { row in
    isClose(actual[row], expected[row], relative: relative) ? nil : (row, actual[row], expected[row])
  }
}
