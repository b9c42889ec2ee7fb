import Testing

@testable import TradingCore

/// `SimulatedBroker.pythonFloorDivide` against Python's float `//`, case by case. Each expected
/// value was printed by python3 (`repr(a // b)`); the sign of a zero counts.
@Suite struct PythonFloorDivideTests {
  static let cases: [(dividend: Double, divisor: Double, python: Double)] = [
    (7, 2, 3),
    (-7, 2, -4),
    (7, -2, -4),
    (-7, -2, 3),
    // Exact multiples.
    (6, 3, 2),
    (-6, 3, -2),
    (5, 0.5, 10),
    // Zeros keep the sign of the true quotient.
    (0, 3, 0),
    (0, -3, -0.0),
    (-0.0, 3, -0.0),
    // a / b rounds up to a whole number although the exact quotient is below it.
    (1, 0.1, 9),  // 1 / 0.1 == 10.0
    (2, 0.2, 9),  // 2 / 0.2 == 10.0
    (100, 100.0 / 3, 2),  // 100 / 33.333333333333336 == 3.0
    (0.1, 1e-17, 9_999_999_999_999_998),  // 0.1 / 1e-17 == 1e16
    (-1, 0.1, -10),
    // a / b rounds down below a whole number although the exact quotient is not below it.
    (0.3, 0.1, 2),  // 0.3 / 0.1 == 2.9999999999999996
    (0.7, 0.1, 6),  // 0.7 / 0.1 == 6.999999999999999
    // Negative quotients between −1 and 0 floor to −1.
    (-0.5, 1, -1),
    (0.5, -1, -1),
    (-1e-300, 1e300, -1),  // -1e-300 / 1e300 == -0.0
    (1e-300, 1e300, 0),
    (1, .infinity, 0),
    (-1, .infinity, -1),
    // Large quotients past 2⁵².
    (1e16, 3, 3_333_333_333_333_333),
    (4_503_599_627_370_497, 2, 2_251_799_813_685_248),
    (1e308, 1e-10, .infinity),
    // backtesting.py's first GOOG order: 10,000 × (1 − ε) // (169.02 + 169.02 × 0.002).
    (9_999.999999999998, 169.35804000000002, 59),
    (9_999.999999999998, 100, 99),
  ]

  @Test(arguments: cases.indices)
  func equalsPythonsFloorDivision(_ index: Int) {
    let (dividend, divisor, python) = Self.cases[index]
    let ours = SimulatedBroker.pythonFloorDivide(dividend, divisor)
    #expect(ours.bitPattern == python.bitPattern, "\(dividend) // \(divisor): ours \(ours), Python \(python)")
  }
}
