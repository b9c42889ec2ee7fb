/// Everything a backtest produced: the equity curve, the trades and the account at the end.
public struct BacktestResult: Sendable {
  /// A closed trade with the bars it was entered and exited on.
  public struct Trade: Sendable, Hashable {
    public var trade: ClosedTrade
    public var entryBar: Int
    public var exitBar: Int

    /// The trade as the statistics take it.
    public var record: TradeRecord { TradeRecord(trade, entryBar: entryBar, exitBar: exitBar) }
  }

  public var symbol: String
  /// Start time of each bar.
  public var timestamps: [Timestamp]
  public var closes: [Price]
  /// Equity at each bar's close, exact.
  public var equity: [Money]
  public var trades: [Trade]
  /// Trades still open at the end (not counted in trade statistics; their P&L is in equity).
  public var openLots: [Position.Lot]
  public var commissions: Money
  public var warmupBars: Int
  public var ordersRejected: Int
  public var finalPortfolio: Portfolio

  /// Equity at the last bar.
  public var finalEquity: Money { equity.last ?? finalPortfolio.cash }

  /// backtesting.py's statistics of this run (needs at least one bar).
  public var statistics: BacktestStatistics {
    BacktestStatistics(
      timestamps: timestamps, equity: equity.map(\.doubleValue), closes: closes.map(\.doubleValue),
      trades: trades.map(\.record), firstTradingBar: min(warmupBars, timestamps.count - 1))
  }
}

extension BacktestResult {
  /// The index of the last bar starting at or before `time` (bars are strictly increasing).
  static func barIndex(of time: Timestamp, in timestamps: [Timestamp]) -> Int {
    var low = 0
    var high = timestamps.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if timestamps[middle] <= time { low = middle } else { high = middle - 1 }
    }
    return low
  }

  static func indexedTrades(_ closed: [ClosedTrade], timestamps: [Timestamp]) -> [Trade] {
    closed.map {
      Trade(
        trade: $0, entryBar: barIndex(of: $0.entryTime, in: timestamps),
        exitBar: barIndex(of: $0.exitTime, in: timestamps))
    }
  }
}
