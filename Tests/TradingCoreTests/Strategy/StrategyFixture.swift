@testable import TradingCore

/// Builders for strategy and risk tests: a signal or a context in one line.
enum StrategyFixture {
  static let morning = CivilDateTime(year: 2025, month: 9, day: 29, hour: 9, minute: 30).timestamp

  static func signal(
    _ number: UInt64 = 1, symbol: String = "AAPL", score: Double, at timestamp: Timestamp = morning,
    meta: [String: Double] = [:]
  ) -> Signal {
    Signal(
      id: TimeSortableID(high: number, low: number), symbol: symbol, score: score, timestamp: timestamp,
      source: "pattern_engine", meta: meta)
  }

  static func context(
    equity: Money = 100_000, positions: [String: Quantity] = [:], prices: [String: Price] = ["AAPL": 50],
    volatilities: [String: Double] = ["AAPL": 0.02], forecasts: [String: [String: Double]] = [:],
    at timestamp: Timestamp = morning
  ) -> StrategyContext {
    StrategyContext(
      timestamp: timestamp, equity: equity, cash: equity, positions: positions, lastPrices: prices,
      volatilities: volatilities, forecasts: forecasts)
  }

  static func decimal(_ text: String) -> Fixed {
    guard let value = Fixed(text) else { preconditionFailure("not a decimal: \(text)") }
    return value
  }
}
