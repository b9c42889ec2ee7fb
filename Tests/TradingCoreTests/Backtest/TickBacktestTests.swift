import Testing

@testable import TradingCore

/// Ticks → 5-second bid bars → a scripted strategy → market orders that take the quote of the
/// tick in hand. Thirteen ticks one second apart; tick i has bid 1.0000 + i × 0.0001 and ask
/// bid + 0.0002. Bar 0 holds ticks 0–4 and is completed by tick 5, bar 1 ticks 5–9 (completed by
/// tick 10), bar 2 ticks 10–12 (flushed at the end).
@Suite struct TickBacktestTests {
  static let start = CivilDateTime(year: 2024, month: 1, day: 1).timestamp

  static let ticks: [Tick] = (0..<13).map { index in
    let bid = Fixed(raw: 100_000_000 + Int64(index) * 10_000)
    return Tick(
      symbol: "EUR/USD", timestamp: start.adding(seconds: Int64(index)), bid: bid, ask: bid + Fixed(raw: 20_000),
      volume: 1)
  }

  static func decimal(_ text: String) -> Fixed { Fixed(text)! }

  static func run(latencyMilliseconds: Int64 = 0) -> BacktestResult {
    var backtest = TickBacktest(
      symbol: "EUR/USD",
      strategy: ScriptedStrategy([0: [.buy(.units(1_000))], 1: [.sell(.units(1_000))]]), cash: 100_000,
      barSeconds: 5, configuration: .init(latency: LatencyModel(nanoseconds: latencyMilliseconds * 1_000_000)))
    return backtest.run(ticks)
  }

  /// Bar 0's buy takes tick 5's ask (1.0007); bar 1's sell takes tick 10's bid (1.0010).
  @Test func ordersTakeTheQuoteOfTheTickThatCompletedTheBar() {
    let result = Self.run()
    #expect(result.timestamps == [Self.start, Self.start.adding(seconds: 5), Self.start.adding(seconds: 10)])
    #expect(result.closes == [Self.decimal("1.0004"), Self.decimal("1.0009"), Self.decimal("1.0012")])
    #expect(result.trades.map(\.trade.entryPrice) == [Self.decimal("1.0007")])
    #expect(result.trades.map(\.trade.exitPrice) == [Self.decimal("1.001")])
    #expect(result.trades.map(\.trade.entryTime) == [Self.start.adding(seconds: 5)])
    #expect(result.trades.map(\.trade.exitTime) == [Self.start.adding(seconds: 10)])
    // The fill at tick 5 is in bar 1, the one at tick 10 in bar 2.
    #expect(result.trades.map(\.entryBar) == [1])
    #expect(result.trades.map(\.exitBar) == [2])
    #expect(result.trades.map(\.trade.pnl) == [Self.decimal("0.3")])
    // Equity at each bar's bid close: flat; 98,999.30 + 1,000 × 1.0009; flat again.
    #expect(result.equity == [100_000, Self.decimal("100000.2"), Self.decimal("100000.3")])
  }

  /// With 1.5 s latency the buy sent at tick 5 arrives at 6.5 s and takes tick 7's ask (1.0009);
  /// the sell sent at tick 10 takes tick 12's bid (1.0012).
  @Test func latencyDelaysTheFillToTheFirstTickAfterArrival() {
    let result = Self.run(latencyMilliseconds: 1_500)
    #expect(result.trades.map(\.trade.entryPrice) == [Self.decimal("1.0009")])
    #expect(result.trades.map(\.trade.exitPrice) == [Self.decimal("1.0012")])
    #expect(result.trades.map(\.trade.entryTime) == [Self.start.adding(seconds: 7)])
    #expect(result.trades.map(\.trade.exitTime) == [Self.start.adding(seconds: 12)])
    #expect(result.equity == [100_000, 100_000, Self.decimal("100000.3")])
  }

  /// EMA cross over synthetic ticks: every fill is at the ask (buys) or the bid (sells) of the tick
  /// stamped with the fill's time, and the books reconcile exactly.
  @Test func everyFillTakesTheQuoteOfItsTick() throws {
    let feed = SyntheticQuoteTicks(count: 20_000, seed: 7)
    let ticks = Array(feed)
    var quotes: [Timestamp: Tick] = [:]
    for tick in ticks { quotes[tick.timestamp] = tick }
    var backtest = TickBacktest(
      symbol: feed.symbol, strategy: EmaCrossStrategy(fastPeriod: 10, slowPeriod: 20, sizing: .units(100_000)),
      cash: 1_000_000, barSeconds: 60)
    let result = backtest.run(ticks)
    #expect(result.trades.count > 5)
    for record in result.trades {
      let trade = record.trade
      let entry = try #require(quotes[trade.entryTime])
      let exit = try #require(quotes[trade.exitTime])
      #expect(trade.entryPrice == (trade.quantity.isPositive ? entry.ask : entry.bid))
      #expect(trade.exitPrice == (trade.quantity.isPositive ? exit.bid : exit.ask))
    }
    let portfolio = result.finalPortfolio
    let realized = portfolio.closedTrades.reduce(Money.zero) { $0 + $1.pnl }
    let openCost = result.openLots.reduce(Money.zero) { $0 + $1.quantity * $1.entryPrice + $1.entryCommission }
    #expect(portfolio.cash == portfolio.startingCash + realized - openCost)
    #expect(result.timestamps.count == 334)  // 20,000 s of ticks in 60 s bars: 333 full and one of 20 s
  }
}
