import Foundation

/// Deterministic standard-normal rows for benchmark inputs (SplitMix64 + Box–Muller).
struct NormalRows {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  private mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  private mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992 }

  /// `count` standard-normal values as float32.
  mutating func floats(_ count: Int) -> [Float] {
    (0..<count).map { _ in
      Float((-2 * Double.log(uniform())).squareRoot() * Double.cos(2 * .pi * uniform()))
    }
  }
}

extension Double {
  static func log(_ x: Double) -> Double { Foundation.log(x) }
  static func cos(_ x: Double) -> Double { Foundation.cos(x) }
}
