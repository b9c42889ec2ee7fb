/// A benchmark's command line: an optional leading mode word, then `--key value` pairs.
public struct BenchmarkOptions: Sendable {
  /// The first argument when it is not an option (`latency`, `batching`, …), else nil.
  public let mode: String?
  let values: [String: String]

  public init(_ arguments: [String]) {
    var rest = arguments[...]
    if let first = rest.first, !first.hasPrefix("-") {
      mode = first
      rest = rest.dropFirst()
    } else {
      mode = nil
    }
    var values: [String: String] = [:]
    var index = rest.startIndex
    while index + 1 < rest.endIndex {
      values[String(rest[index].drop { $0 == "-" })] = rest[index + 1]
      index += 2
    }
    self.values = values
  }

  public func string(_ key: String, _ fallback: String) -> String { values[key] ?? fallback }
  public func double(_ key: String, _ fallback: Double) -> Double { values[key].flatMap(Double.init) ?? fallback }
  public func int(_ key: String, _ fallback: Int) -> Int { values[key].flatMap(Int.init) ?? fallback }
}
