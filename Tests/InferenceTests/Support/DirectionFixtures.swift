import Foundation
import Inference
import Testing

/// The fixtures `scripts/train_direction_model.py` wrote with pandas and Python's onnxruntime.
enum DirectionFixtures {
  /// One row of `direction_features.csv`: the close and its features (nil in the warm-up).
  struct FeatureRow {
    var date: String
    var close: Double
    var features: [Double]?
  }

  /// `direction_predictions.json`: inputs fed to onnxruntime 1.32.0 in one batch, and its answers.
  struct Predictions: Decodable {
    var onnxruntime: String
    var inputs: [[Float]]
    var labels: [Int64]
    var probabilities: [[Float]]

    /// The inputs of `rows` as one tensor.
    func tensor(_ rows: some Sequence<Int>) throws -> Tensor {
      try Tensor(rows: rows.map { inputs[$0] })
    }
  }

  static func url(_ name: String, _ type: String) throws -> URL {
    try #require(Bundle.module.url(forResource: name, withExtension: type, subdirectory: "Fixtures"))
  }

  static func features() throws -> [FeatureRow] {
    let lines = try String(contentsOf: url("direction_features", "csv"), encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: true)
    try #require(lines.first == "date,close,r1,r5,r20,vol20,ema10_gap,ema10_30_gap")
    return try lines.dropFirst().map { line in
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      try #require(fields.count == 8, "\(line)")
      let close = try #require(Double(fields[1]))
      let features = fields[2...].allSatisfy(\.isEmpty) ? nil : try fields[2...].map { try #require(Double($0)) }
      return FeatureRow(date: fields[0], close: close, features: features)
    }
  }

  static func predictions() throws -> Predictions {
    try JSONDecoder().decode(Predictions.self, from: Data(contentsOf: url("direction_predictions", "json")))
  }
}

/// Whether two float tensors hold the same shape and values within `tolerance`.
func isClose(_ actual: Tensor?, _ expected: [[Float]], tolerance: Float = 1e-6) -> Bool {
  guard let actual, let values = actual.floats, actual.shape == [expected.count, expected.first?.count ?? 0] else {
    return false
  }
  return zip(values, expected.flatMap { $0 }).allSatisfy { abs($0 - $1) <= tolerance }
}
