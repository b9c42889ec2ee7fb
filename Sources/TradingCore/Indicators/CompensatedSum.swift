/// A running sum with Neumaier's compensation (the "improved Kahan–Babuška" algorithm,
/// Neumaier 1974): the rounding error of every addition is collected in `compensation`, so
/// the total stays accurate to about one rounding even after millions of additions and
/// removals. Rolling means and cumulative sums use it so that they track pandas (which
/// compensates its rolling sums too, `pandas/_libs/window/aggregations.pyx`) over long series.
@usableFromInline struct CompensatedSum: Sendable, Hashable {
  @usableFromInline var sum: Double = 0
  @usableFromInline var compensation: Double = 0

  @inlinable init() {}

  /// The sum of everything added so far.
  @inlinable var total: Double { sum + compensation }

  @inlinable mutating func add(_ term: Double) {
    let next = sum + term
    // Whichever operand is smaller in magnitude lost its low bits in `next`; recover them.
    if abs(sum) >= abs(term) {
      compensation += (sum - next) + term
    } else {
      compensation += (term - next) + sum
    }
    sum = next
  }
}
