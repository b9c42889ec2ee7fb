/// Which market price an order fills at in simulation.
public enum FillModel: String, Sendable, Hashable, Codable, CaseIterable {
  /// Bars: an order decided on bar i's close fills at bar i+1's open (backtesting.py's default).
  case nextBarOpen = "next-open"
  /// Bars: an order decided on bar i's close fills at that close (`trade_on_close=True`).
  case barClose = "close"
  /// Ticks: a market order takes the quote, buying at the ask and selling at the bid.
  case quote
}

/// How long an order takes to reach the simulated venue; it can fill only on market data
/// stamped at or after its arrival.
public struct LatencyModel: Sendable, Hashable, Codable {
  public var nanoseconds: Int64

  public init(nanoseconds: Int64 = 0) {
    precondition(nanoseconds >= 0, "latency cannot be negative")
    self.nanoseconds = nanoseconds
  }

  public static let zero = LatencyModel()

  @inlinable public func arrival(of submitted: Timestamp) -> Timestamp { submitted.adding(nanoseconds: nanoseconds) }
}
