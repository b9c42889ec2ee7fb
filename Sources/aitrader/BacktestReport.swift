import Foundation
import TradingCore

/// The printable forms of a finished backtest: a table, one JSON object, and CSVs of the
/// trades and the equity curve.
struct BacktestReport {
  let run: BacktestRun
  let strategy: String
  let statistics: BacktestStatistics

  init(run: BacktestRun, strategy: String) {
    self.run = run
    self.strategy = strategy
    self.statistics = run.result.statistics
  }

  private var result: BacktestResult { run.result }

  /// Commissions of the closed trades, exact (what backtesting.py's `Commissions [$]` sums).
  private var closedTradeCommissions: Money { result.trades.reduce(.zero) { $0 + $1.trade.commission } }

  var table: String {
    var lines = ["Backtest of \(strategy) on \(result.symbol), \(result.timestamps.count) bars"]
    lines.append(statistics.formattedTable())
    if let ticks = run.ticks {
      lines.append("Ticks processed            \(ticks)")
      lines.append("Ticks per second           \(Int(Double(ticks) / run.elapsedSeconds))")
    }
    lines.append("Elapsed [s]                \(String(format: "%.6f", run.elapsedSeconds))")
    return lines.joined(separator: "\n")
  }

  var json: String {
    let stats = statistics
    var object = JSONObjectWriter()
    object.add("strategy", strategy)
    object.add("symbol", result.symbol)
    object.add("bars", result.timestamps.count)
    object.add("start", stats.start.iso8601)
    object.add("end", stats.end.iso8601)
    object.add("return_pct", stats.returnPct)
    object.add("equity_final", exact: result.finalEquity.description)
    object.add("equity_peak", stats.equityPeak)
    object.add("trades", stats.trades)
    object.add("win_rate_pct", stats.winRatePct)
    object.add("sharpe", stats.sharpe)
    object.add("sortino", stats.sortino)
    object.add("calmar", stats.calmar)
    object.add("max_drawdown_pct", stats.maxDrawdownPct)
    object.add("avg_drawdown_pct", stats.averageDrawdownPct)
    object.add("cagr_pct", stats.cagrPct)
    object.add("return_ann_pct", stats.annualizedReturnPct)
    object.add("volatility_ann_pct", stats.annualizedVolatilityPct)
    object.add("buy_and_hold_return_pct", stats.buyAndHoldReturnPct)
    object.add("alpha_pct", stats.alphaPct)
    object.add("beta", stats.beta)
    object.add("exposure_pct", stats.exposurePct)
    object.add("commissions", exact: closedTradeCommissions.description)
    object.add("best_trade_pct", stats.bestTradePct)
    object.add("worst_trade_pct", stats.worstTradePct)
    object.add("avg_trade_pct", stats.averageTradePct)
    object.add("profit_factor", stats.profitFactor)
    object.add("expectancy_pct", stats.expectancyPct)
    object.add("sqn", stats.sqn)
    object.add("kelly_criterion", stats.kellyCriterion)
    object.add("orders_rejected", result.ordersRejected)
    object.add("open_trades", result.openLots.count)
    if let ticks = run.ticks {
      object.add("ticks", ticks)
      object.add("ticks_per_sec", Double(ticks) / run.elapsedSeconds)
    }
    object.add("elapsed_sec", run.elapsedSeconds)
    return object.text
  }

  /// One row per closed trade, in backtesting.py's `_trades` columns, exact amounts.
  var tradesCSV: String {
    var lines = ["Size,EntryBar,ExitBar,EntryPrice,ExitPrice,PnL,Commission,ReturnPct,EntryTime,ExitTime"]
    for record in result.trades {
      let trade = record.trade
      lines.append(
        [
          trade.quantity.description, String(record.entryBar), String(record.exitBar),
          trade.entryPrice.description, trade.exitPrice.description, trade.pnl.description,
          trade.commission.description, String(trade.returnFraction), trade.entryTime.iso8601,
          trade.exitTime.iso8601,
        ].joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Equity at each bar's close with the drawdown from the running peak.
  var equityCSV: String {
    var lines = ["Time,Equity,DrawdownPct"]
    var peak = Money.zero
    for (time, equity) in zip(result.timestamps, result.equity) {
      peak = max(peak, equity)
      let drawdown = peak.isPositive ? 1 - equity.doubleValue / peak.doubleValue : 0
      lines.append("\(time.iso8601),\(equity),\(drawdown)")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
