/// A simulated venue and account: it holds pending orders, fills them against market
/// snapshots with a fill price, slippage, commission and latency, and books the fills into a
/// `Portfolio`.
///
/// The backtest drives it with bars or ticks; the paper broker of the live system drives it
/// with live quotes. Pure: it reads no clock — every call carries its time.
public struct SimulatedBroker: Sendable {
  /// The venue's rules.
  public struct Configuration: Sendable, Hashable, Codable {
    public var commission: CommissionModel
    public var slippage: SlippageModel
    public var latency: LatencyModel
    /// Buying power per unit of equity (1 = cash account; backtesting.py's `1 / margin`).
    public var leverage: Double

    public init(
      commission: CommissionModel = .free, slippage: SlippageModel = .none, latency: LatencyModel = .zero,
      leverage: Double = 1
    ) {
      precondition(leverage >= 1, "leverage must be at least 1")
      self.commission = commission
      self.slippage = slippage
      self.latency = latency
      self.leverage = leverage
    }
  }

  /// An accepted order waiting for market data at or after its arrival time.
  struct PendingOrder: Sendable {
    var order: Order
    var arrival: Timestamp
  }

  public let configuration: Configuration
  public private(set) var portfolio: Portfolio
  var pending: [PendingOrder] = []
  /// The last mark per symbol, for equity and margin.
  public private(set) var marks: [String: Price] = [:]

  public init(cash: Money, configuration: Configuration = Configuration()) {
    precondition(cash.isPositive, "starting cash must be positive")
    self.configuration = configuration
    self.portfolio = Portfolio(cash: cash)
  }

  /// Orders accepted and not yet filled, oldest first.
  public var openOrders: [Order] { pending.map(\.order) }

  /// Whether any order is waiting.
  public var hasOpenOrders: Bool { !pending.isEmpty }

  /// Accepts an order; it fills on the first market update at or after `time` + latency.
  public mutating func submit(_ order: Order, at time: Timestamp) -> Order {
    var accepted = order
    accepted.status = .accepted
    pending.append(PendingOrder(order: accepted, arrival: configuration.latency.arrival(of: time)))
    return accepted
  }

  /// Cancels an open order; returns it, or `nil` if it is not open.
  public mutating func cancel(_ id: OrderID) -> Order? {
    guard let index = pending.firstIndex(where: { $0.order.id == id }) else { return nil }
    var order = pending.remove(at: index).order
    order.status = .cancelled
    return order
  }

  /// Books a fill that already happened — a stored fill replayed to rebuild the account after a
  /// restart — with no quote, no margin check and no pending order: the fill is the record of
  /// truth, so it is applied to the portfolio exactly as it was first booked.
  public mutating func replay(_ fill: Fill) { portfolio.apply(fill) }

  /// Records a mark price for `symbol` without trading.
  public mutating func mark(_ symbol: String, at price: Price) { marks[symbol] = price }

  /// Cash plus positions at the last marks.
  public var equity: Money { portfolio.equity(marks: marks) }

  /// Fills every pending order of `symbol` that has arrived by `market.timestamp`, in the order
  /// they were submitted, appending what happened to `reports`.
  public mutating func match(symbol: String, market: MarketSnapshot, reports: inout [ExecutionReport]) {
    marks[symbol] = market.mark
    guard !pending.isEmpty else { return }
    var index = 0
    while index < pending.count {
      let waiting = pending[index]
      guard waiting.order.symbol == symbol, waiting.arrival <= market.timestamp else {
        index += 1
        continue
      }
      guard let price = fillPrice(for: waiting.order, market: market) else {
        index += 1
        continue
      }
      pending.remove(at: index)
      execute(waiting.order, at: price, market: market, into: &reports)
    }
  }

  /// The price `order` trades at now, or `nil` if a limit is not reached.
  func fillPrice(for order: Order, market: MarketSnapshot) -> Price? {
    let quoted = order.side == .buy ? market.ask : market.bid
    guard order.kind == .limit, let limit = order.limitPrice else {
      return configuration.slippage.adjusted(quoted, side: order.side)
    }
    switch order.side {
    case .buy: return market.low <= limit ? min(quoted, limit) : nil
    case .sell: return market.high >= limit ? max(quoted, limit) : nil
    }
  }

  /// Sizes, margin-checks and books one order at `price`, appending what happened to `reports`.
  /// One report, or two when only the part that closes a position can be paid for.
  mutating func execute(_ order: Order, at price: Price, market: MarketSnapshot, into reports: inout [ExecutionReport])
  {
    let held = portfolio.quantity(of: order.symbol)
    let units: Quantity
    switch order.quantity {
    case .units(let quantity):
      units = quantity
    case .fractionOfAvailable(let fraction):
      let size = wholeUnitsAffordable(fraction: fraction, price: price)
      guard size > 0 else {
        reports.append(rejection(order, reason: "insufficient margin for one unit at \(price)"))
        return
      }
      units = Fixed(size)
    }
    guard units.isPositive else {
      reports.append(rejection(order, reason: "quantity must be positive"))
      return
    }
    // The part that closes an opposite position needs no margin; the rest must be paid for.
    let closing = held.signum == -order.side.sign ? min(units, held.magnitude) : .zero
    let opening = units - closing
    if opening.isPositive {
      let perUnit =
        price.doubleValue
        + configuration.commission.feePerUnitForSizing(
          fraction: opening.doubleValue, price: price.doubleValue)
      let available = marginAvailable(afterClosing: closing, of: order.symbol, at: price)
      if opening.doubleValue * perUnit > available * configuration.leverage {
        let reason = "insufficient margin for \(opening) units at \(price)"
        guard closing.isPositive else {
          reports.append(rejection(order, reason: reason))
          return
        }
        // The closing part trades; the opening part that cannot be paid for is refused.
        let closed = book(order, units: closing, status: .partiallyFilled, at: price, time: market.timestamp)
        reports.append(closed)
        reports.append(rejection(closed.order, reason: reason))
        return
      }
    }
    reports.append(book(order, units: units, status: .filled, at: price, time: market.timestamp))
  }

  private mutating func book(
    _ order: Order, units: Quantity, status: Order.Status, at price: Price, time: Timestamp
  ) -> ExecutionReport {
    let fill = Fill(
      orderID: order.id, symbol: order.symbol, side: order.side, quantity: units, price: price,
      commission: configuration.commission.commission(quantity: units, price: price), timestamp: time)
    portfolio.apply(fill)
    var filled = order
    filled.status = status
    filled.filledQuantity = units
    return .filled(filled, fill)
  }

  /// The report refusing `order`, which carries the reason too (`Order.reason`).
  private func rejection(_ order: Order, reason: String) -> ExecutionReport {
    var rejected = order
    rejected.status = .rejected
    rejected.reason = reason
    return .rejected(rejected, reason: reason)
  }

  /// Whole units of a `fraction`-of-available-margin order at `price`, exactly as backtesting.py
  /// computes them: `int(margin_available × leverage × |fraction| // (price + fee per unit))`,
  /// in floating point with Python's floor division, so sizes match it unit for unit.
  func wholeUnitsAffordable(fraction: Double, price: Price) -> Int {
    let perUnit =
      price.doubleValue + configuration.commission.feePerUnitForSizing(fraction: fraction, price: price.doubleValue)
    let budget = marginAvailable(afterClosing: .zero, of: "", at: price) * configuration.leverage * Swift.abs(fraction)
    let units = SimulatedBroker.pythonFloorDivide(budget, perUnit)
    return units.isFinite && units > 0 ? Int(units) : 0
  }

  /// Equity less the margin held by open positions, never negative (backtesting.py's
  /// `margin_available`), valuing positions at the last marks. When `closing` units of `symbol`
  /// are about to be closed at `price`, their margin is released, their P&L realised and their
  /// exit fee paid first, as backtesting.py closes opposite trades before it checks margin.
  func marginAvailable(afterClosing closing: Quantity, of symbol: String, at price: Price) -> Double {
    var equity = portfolio.cash.doubleValue
    if closing.isPositive {
      equity -= configuration.commission.commission(quantity: closing, price: price).doubleValue
    }
    var used = 0.0
    for position in portfolio.positions.values where !position.isFlat {
      let mark = (marks[position.symbol] ?? position.averageEntryPrice).doubleValue
      var held = position.quantity.doubleValue
      if position.symbol == symbol && !closing.isZero {
        let closed = Double(held.sign == .minus ? -1 : 1) * closing.doubleValue
        equity += closed * price.doubleValue
        held -= closed
      }
      equity += held * mark
      used += Swift.abs(held) * mark / configuration.leverage
    }
    return max(0, equity - used)
  }

  /// Python's float `//` (CPython `float_floor_div`): floor of the quotient computed through
  /// `fmod`, which differs from `floor(a / b)` when the division rounds up to a whole number.
  static func pythonFloorDivide(_ dividend: Double, _ divisor: Double) -> Double {
    var remainder = dividend.truncatingRemainder(dividingBy: divisor)
    var quotient = (dividend - remainder) / divisor
    if remainder != 0 && (divisor < 0) != (remainder < 0) {
      remainder += divisor
      quotient -= 1
    }
    // A zero takes the sign of the true quotient (CPython: `copysign(0.0, vx / wx)`).
    guard quotient != 0 else { return Double(signOf: dividend / divisor, magnitudeOf: 0) }
    var floored = quotient.rounded(.down)
    if quotient - floored > 0.5 { floored += 1 }
    return floored
  }
}
