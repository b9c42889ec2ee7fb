@testable import TradingCore

/// A test-only strategy that places the orders it is given on the bar indices it is given, and
/// remembers what the context showed it on each bar.
struct ScriptedStrategy: BarStrategy {
  enum Action {
    case buy(OrderSizing)
    case sell(OrderSizing)
    case closePosition
    case enterExclusively(Side, OrderSizing)
  }

  /// What the strategy saw on one bar's close.
  struct Observation: Equatable {
    var barIndex: Int
    var position: Quantity
    var cash: Money
  }

  var script: [Int: [Action]]
  var warmupBars = 0
  private(set) var observations: [Observation] = []

  init(_ script: [Int: [Action]]) { self.script = script }

  mutating func onBar(_ bar: Bar, context: inout BarStrategyContext) {
    observations.append(Observation(barIndex: context.barIndex, position: context.position, cash: context.cash))
    for action in script[context.barIndex] ?? [] {
      switch action {
      case .buy(let sizing): context.buy(sizing)
      case .sell(let sizing): context.sell(sizing)
      case .closePosition: context.closePosition()
      case .enterExclusively(let side, let sizing): context.enterExclusively(side, sizing)
      }
    }
  }
}

/// Bars for the backtest tests, from plain decimal strings.
enum BacktestFixture {
  static let start = CivilDateTime(year: 2024, month: 1, day: 1).timestamp

  static func decimal(_ text: String) -> Fixed { Fixed(text)! }

  /// Daily bars from `(open, high, low, close)` rows.
  static func bars(_ rows: [(String, String, String, String)]) -> [Bar] {
    rows.enumerated().map { index, row in
      Bar(
        timestamp: start.adding(seconds: Int64(index) * 86_400), open: decimal(row.0), high: decimal(row.1),
        low: decimal(row.2), close: decimal(row.3), volume: 1_000)
    }
  }

  /// Gap-free daily bars from closes: each opens at the previous close, with a range of ±1 around the body.
  static func bars(closes: [Int]) -> [Bar] {
    closes.enumerated().map { index, close in
      let open = index == 0 ? close : closes[index - 1]
      return Bar(
        timestamp: start.adding(seconds: Int64(index) * 86_400), open: Fixed(open), high: Fixed(max(open, close) + 1),
        low: Fixed(min(open, close) - 1), close: Fixed(close), volume: 1_000)
    }
  }
}
