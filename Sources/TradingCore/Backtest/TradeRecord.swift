/// One closed trade as the statistics need it: where it sits in the bar series and what it made.
///
/// The fields are backtesting.py's `_trades` columns (`EntryBar`, `ExitBar`, `Size`,
/// `EntryPrice`, `ExitPrice`, `PnL`, `ReturnPct`, `Commission`), in `Double` because the
/// statistics are floating-point; bookkeeping stays exact in `ClosedTrade`.
public struct TradeRecord: Sendable, Hashable {
  /// Index of the bar whose timestamp is the entry time.
  public var entryBar: Int
  /// Index of the bar whose timestamp is the exit time.
  public var exitBar: Int
  /// Signed: positive for a long trade, negative for a short one.
  public var size: Double
  public var entryPrice: Double
  public var exitPrice: Double
  /// Profit or loss net of both legs' commissions.
  public var pnl: Double
  /// The return on the entry value net of commissions, as a fraction (`ReturnPct`).
  public var returnFraction: Double
  /// Entry and exit commissions together.
  public var commission: Double

  public init(
    entryBar: Int, exitBar: Int, size: Double, entryPrice: Double, exitPrice: Double, pnl: Double,
    returnFraction: Double, commission: Double
  ) {
    self.entryBar = entryBar
    self.exitBar = exitBar
    self.size = size
    self.entryPrice = entryPrice
    self.exitPrice = exitPrice
    self.pnl = pnl
    self.returnFraction = returnFraction
    self.commission = commission
  }

  /// The record of `trade`, which entered at bar `entryBar` and exited at bar `exitBar`.
  public init(_ trade: ClosedTrade, entryBar: Int, exitBar: Int) {
    self.init(
      entryBar: entryBar, exitBar: exitBar, size: trade.quantity.doubleValue,
      entryPrice: trade.entryPrice.doubleValue, exitPrice: trade.exitPrice.doubleValue,
      pnl: trade.pnl.doubleValue, returnFraction: trade.returnFraction, commission: trade.commission.doubleValue)
  }
}
