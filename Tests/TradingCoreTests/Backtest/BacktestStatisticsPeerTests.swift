import Testing

@testable import TradingCore

/// Feeds backtesting.py's own equity curves and trades into `BacktestStatistics` and checks
/// every figure of its stats table: ratios to 1e-9 relative, NaN where it has NaN, times exact.
@Suite struct BacktestStatisticsPeerTests {
  @Test(arguments: StatsFixture.names)
  func matchesThePeersTable(name: String) throws {
    let fixture = try StatsFixture.load(name)
    let statistics = fixture.computeStatistics()
    let ours = Dictionary(uniqueKeysWithValues: figures(of: statistics))
    for entry in fixture.stats {
      let figure = try #require(ours[entry.label], "\(name): no figure for \(entry.label)")
      switch (entry.value, figure) {
      case (.timestamp(let expected), .time(let actual)):
        #expect(actual.nanosecondsSinceEpoch == expected, "\(name): \(entry.label)")
      case (.duration(let expected), .span(let actual)):
        #expect(actual?.nanoseconds == expected, "\(name): \(entry.label)")
      case (.number(let expected), .span(let actual)):
        #expect(expected.isNaN && actual == nil, "\(name): \(entry.label) is \(String(describing: actual))")
      case (.count(let expected), .count(let actual)):
        #expect(actual == expected, "\(name): \(entry.label)")
      case (.number(let expected), .number(let actual)):
        #expect(agrees(actual, expected), "\(name): \(entry.label) is \(actual), peer \(expected)")
      default:
        Issue.record("\(name): \(entry.label) is \(figure), peer \(entry.value)")
      }
    }
  }

  @Test(arguments: StatsFixture.names)
  func tableHasThePeersLabelsInItsOrder(name: String) throws {
    let fixture = try StatsFixture.load(name)
    #expect(fixture.computeStatistics().tableRows().map(\.label) == fixture.stats.map(\.label))
  }

  private func agrees(_ actual: Double, _ expected: Double) -> Bool {
    if expected.isNaN { return actual.isNaN }
    if expected.isInfinite { return actual == expected }
    return (actual - expected).magnitude <= 1e-9 * max(expected.magnitude, 1e-3)
  }

  private enum Figure {
    case time(Timestamp)
    case span(ElapsedTime?)
    case count(Int)
    case number(Double)
  }

  private func figures(of statistics: BacktestStatistics) -> [(String, Figure)] {
    [
      ("Start", .time(statistics.start)), ("End", .time(statistics.end)), ("Duration", .span(statistics.duration)),
      ("Exposure Time [%]", .number(statistics.exposurePct)), ("Equity Final [$]", .number(statistics.equityFinal)),
      ("Equity Peak [$]", .number(statistics.equityPeak)), ("Commissions [$]", .number(statistics.commissions)),
      ("Return [%]", .number(statistics.returnPct)),
      ("Buy & Hold Return [%]", .number(statistics.buyAndHoldReturnPct)),
      ("Return (Ann.) [%]", .number(statistics.annualizedReturnPct)),
      ("Volatility (Ann.) [%]", .number(statistics.annualizedVolatilityPct)), ("CAGR [%]", .number(statistics.cagrPct)),
      ("Sharpe Ratio", .number(statistics.sharpe)), ("Sortino Ratio", .number(statistics.sortino)),
      ("Calmar Ratio", .number(statistics.calmar)), ("Alpha [%]", .number(statistics.alphaPct)),
      ("Beta", .number(statistics.beta)), ("Max. Drawdown [%]", .number(statistics.maxDrawdownPct)),
      ("Avg. Drawdown [%]", .number(statistics.averageDrawdownPct)),
      ("Max. Drawdown Duration", .span(statistics.maxDrawdownDuration)),
      ("Avg. Drawdown Duration", .span(statistics.averageDrawdownDuration)), ("# Trades", .count(statistics.trades)),
      ("Win Rate [%]", .number(statistics.winRatePct)), ("Best Trade [%]", .number(statistics.bestTradePct)),
      ("Worst Trade [%]", .number(statistics.worstTradePct)), ("Avg. Trade [%]", .number(statistics.averageTradePct)),
      ("Max. Trade Duration", .span(statistics.maxTradeDuration)),
      ("Avg. Trade Duration", .span(statistics.averageTradeDuration)),
      ("Profit Factor", .number(statistics.profitFactor)), ("Expectancy [%]", .number(statistics.expectancyPct)),
      ("SQN", .number(statistics.sqn)), ("Kelly Criterion", .number(statistics.kellyCriterion)),
    ]
  }
}
