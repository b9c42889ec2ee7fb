/// A strategy the backtester runs bar by bar, deciding on each bar's close.
///
/// It sees every bar (so its indicators warm up as they would live) and trades through the
/// `BarStrategyContext`, in the style of backtesting.py's `Strategy.next()` and
/// NautilusTrader's `on_bar`.
public protocol BarStrategy {
  /// Bars needed before the strategy can first trade, less one (backtesting.py's indicator
  /// warm-up: 19 for a 20-bar SMA). Statistics measure buy-and-hold from this bar.
  var warmupBars: Int { get }

  /// Called on each bar's close, in order.
  mutating func onBar(_ bar: Bar, context: inout BarStrategyContext)
}

/// How much an entry order asks for.
public enum OrderSizing: Sendable, Hashable {
  /// All margin available when the order fills, in whole units, less a hair
  /// (backtesting.py's default size `1 − ε`).
  case allAvailable
  /// A fixed number of units.
  case units(Quantity)

  /// backtesting.py's default order size: `1 - sys.float_info.epsilon`.
  public static let allAvailableFraction = 1 - Double.ulpOfOne

  var orderQuantity: OrderQuantity {
    switch self {
    case .allAvailable: return .fractionOfAvailable(OrderSizing.allAvailableFraction)
    case .units(let units): return .units(units)
    }
  }
}

/// What a bar strategy sees of the account, and where it places its orders.
public struct BarStrategyContext: Sendable {
  public let symbol: String
  /// Signed units held: positive long, negative short.
  public internal(set) var position: Quantity
  public internal(set) var cash: Money
  /// Index of the current bar.
  public internal(set) var barIndex: Int
  var orders: [(side: Side, quantity: OrderQuantity)] = []

  init(symbol: String) {
    self.symbol = symbol
    position = .zero
    cash = .zero
    barIndex = 0
  }

  public var isFlat: Bool { position.isZero }
  public var isLong: Bool { position.isPositive }
  public var isShort: Bool { position.isNegative }

  public mutating func buy(_ sizing: OrderSizing) { orders.append((.buy, sizing.orderQuantity)) }
  public mutating func sell(_ sizing: OrderSizing) { orders.append((.sell, sizing.orderQuantity)) }

  /// Orders the whole position closed (nothing when flat).
  public mutating func closePosition() {
    guard !position.isZero else { return }
    orders.append((position.isPositive ? .sell : .buy, .units(position.magnitude)))
  }

  /// Closes whatever is open, then enters on `side`: backtesting.py's `exclusive_orders=True`,
  /// where every new order first closes the open trade, even one in the same direction.
  public mutating func enterExclusively(_ side: Side, _ sizing: OrderSizing) {
    closePosition()
    orders.append((side, sizing.orderQuantity))
  }
}
