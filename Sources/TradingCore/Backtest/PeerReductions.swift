import RealModule

/// Sums, means and variances computed in the order numpy and pandas compute them, so that
/// statistics agree with backtesting.py to the last bits rather than to a tolerance.
enum PeerReductions {
  /// numpy's `sum` of float64: pairwise summation (`pairwise_sum` in `loops_utils.h`), blocks
  /// of up to 128 added with eight interleaved accumulators, larger arrays split in halves at a
  /// multiple of 8. A NaN propagates.
  static func numpySum(_ values: some RandomAccessCollection<Double>) -> Double {
    Array(values).withUnsafeBufferPointer { pairwiseSum($0[...]) }
  }

  /// pandas' `Series.sum()`: NaN values count as 0 (skipna), the rest as `numpySum` adds them.
  static func pandasSum(_ values: some RandomAccessCollection<Double>) -> Double {
    numpySum(values.map { $0.isNaN ? 0 : $0 })
  }

  private static func pairwiseSum(_ values: Slice<UnsafeBufferPointer<Double>>) -> Double {
    let count = values.count
    let start = values.startIndex
    if count < 8 {
      var total = 0.0
      for value in values { total += value }
      return total
    }
    if count <= 128 {
      var lanes = (0..<8).map { values[start + $0] }
      var index = 8
      while index < count - count % 8 {
        for lane in 0..<8 { lanes[lane] += values[start + index + lane] }
        index += 8
      }
      var total = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]))
      while index < count {
        total += values[start + index]
        index += 1
      }
      return total
    }
    var half = count / 2
    half -= half % 8
    return pairwiseSum(values.prefix(half)) + pairwiseSum(values.dropFirst(half))
  }

  /// pandas' `Series.mean()`: NaN values skipped; NaN when none is left.
  static func mean(_ values: some RandomAccessCollection<Double>) -> Double {
    let count = values.count { !$0.isNaN }
    return count == 0 ? .nan : pandasSum(values) / Double(count)
  }

  /// pandas' `Series.var(ddof=1)` (`nanops.nanvar`): the mean first, then the pairwise sum of
  /// squared deviations over n − 1, NaN values skipped; NaN for fewer than two values.
  static func sampleVariance(_ values: some RandomAccessCollection<Double>) -> Double {
    let count = values.count { !$0.isNaN }
    guard count > 1 else { return .nan }
    let average = pandasSum(values) / Double(count)
    return pandasSum(values.map { (average - $0) * (average - $0) }) / Double(count - 1)
  }

  /// pandas' `Series.std()` with ddof = 1.
  static func sampleStandardDeviation(_ values: some RandomAccessCollection<Double>) -> Double {
    sampleVariance(values).squareRoot()
  }

  /// backtesting.py's `geometric_mean`: exp(mean(log(1 + r))) − 1 with NaN returns taken as 0;
  /// 0 when any return is −100 % or worse (the log is undefined), NaN for no returns.
  static func geometricMean(_ returns: some RandomAccessCollection<Double>) -> Double {
    let growth = returns.map { ($0.isNaN ? 0 : $0) + 1 }
    if growth.contains(where: { $0 <= 0 }) { return 0 }
    guard !growth.isEmpty else { return .nan }
    return Double.exp(pandasSum(growth.map { Double.log($0) }) / Double(growth.count)) - 1
  }

  /// numpy's `maximum`: NaN if either operand is NaN.
  static func maximum(_ lhs: Double, _ rhs: Double) -> Double {
    lhs.isNaN || rhs.isNaN ? .nan : (lhs >= rhs ? lhs : rhs)
  }
}
