import Foundation

/// Class probabilities from logits, each row on its own: `exp(x − max) / Σ exp(x − max)`.
///
/// Subtracting the row's largest logit keeps every exponential in [0, 1], so no logit overflows.
/// Computed in Float, as numpy does for float32 logits (the fixtures' reference), so that the
/// same logits give the same probabilities to within a rounding.
enum Softmax {
  /// The probabilities of each row of `logits`, `width` values a row.
  static func rows(_ logits: [Float], width: Int) -> [[Float]] {
    guard width > 0 else { return [] }
    return stride(from: 0, to: logits.count, by: width).map { start in
      probabilities(logits[start..<min(start + width, logits.count)])
    }
  }

  /// The probabilities of one row of logits.
  static func probabilities(_ logits: ArraySlice<Float>) -> [Float] {
    guard let largest = logits.max() else { return [] }
    let exponentials = logits.map { Foundation.exp($0 - largest) }
    let total = exponentials.reduce(0, +)
    return exponentials.map { $0 / total }
  }
}
