/// A set of Unicode scalar values held as ascending closed ranges and searched by bisection.
struct ScalarRanges: Sendable {
  /// `first, last` pairs, ascending and disjoint.
  private let bounds: [UInt32]

  init(_ bounds: [UInt32]) {
    precondition(bounds.count % 2 == 0, "ranges come in first, last pairs")
    self.bounds = bounds
  }

  func contains(_ value: UInt32) -> Bool {
    bounds.withUnsafeBufferPointer { bounds in
      // The number of ranges starting at or below `value`; the last of them may hold it.
      var low = 0
      var high = bounds.count / 2
      while low < high {
        let middle = (low + high) / 2
        if bounds[2 * middle] <= value { low = middle + 1 } else { high = middle }
      }
      return low > 0 && value <= bounds[2 * low - 1]
    }
  }
}
