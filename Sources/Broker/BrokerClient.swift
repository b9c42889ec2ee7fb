import TradingCore

/// A broker the execution component sends orders to: the paper broker of the embedded mode, or
/// a real one reached over MCP. Execution depends on this protocol only (DESIGN.md §3).
public protocol BrokerClient: Sendable {
  /// A short name for logs and health, e.g. `"paper"`.
  var name: String { get }
  /// Sends `order`; returns its state afterwards and the fills it produced at once.
  func place(_ order: Order) async throws(BrokerError) -> Placement
  /// Cancels an open order; returns it in its cancelled state.
  func cancel(_ id: OrderID) async throws(BrokerError) -> Order
  /// Cash, equity, holdings and marks as the broker sees them.
  func account() async throws(BrokerError) -> BrokerAccount
}

/// What placing an order did: the order's new state and the fills it produced (none when it was
/// rejected or is still resting).
public struct Placement: Sendable, Hashable {
  public var order: Order
  public var fills: [Fill]

  public init(order: Order, fills: [Fill]) {
    self.order = order
    self.fills = fills
  }
}

/// An account as the broker reports it.
public struct BrokerAccount: Sendable, Hashable, Codable {
  public var cash: Money
  /// Cash plus every position at its mark.
  public var equity: Money
  /// Signed quantity per symbol; flat symbols are left out.
  public var positions: [String: Quantity]
  /// The price each symbol is valued at.
  public var marks: [String: Price]

  public init(cash: Money, equity: Money, positions: [String: Quantity], marks: [String: Price]) {
    self.cash = cash
    self.equity = equity
    self.positions = positions
    self.marks = marks
  }
}

/// Why a broker call failed. A refused order is not an error: it comes back as a `Placement`
/// whose order is `.rejected` with its reason.
public enum BrokerError: Error, Sendable, Hashable, CustomStringConvertible {
  /// No open order has this id.
  case unknownOrder(OrderID)
  /// The broker could not be reached or answered nonsense; the message says what happened.
  case unavailable(String)
  /// The broker refused the call (a bad argument, an unknown symbol); the message is the broker's.
  case refused(String)

  public var description: String {
    switch self {
    case .unknownOrder(let id): "no open order \(id)"
    case .unavailable(let reason): "broker unavailable: \(reason)"
    case .refused(let reason): "broker refused: \(reason)"
    }
  }
}

/// A broker that keeps its own record of orders, fills and positions, which the trading system
/// reconciles its store against: a real broker, or the mock one, reached over MCP.
public protocol ReconcilableBroker: BrokerClient {
  /// The broker's orders, oldest first: those placed after broker order `after` and every order
  /// still open (an order once finished never changes), or all of them when `after` is nil.
  func brokerOrders(after: String?) async throws(BrokerError) -> [BrokerOrderReport]
  /// An order with its fills, found by the id the client gave; `nil` when the broker has none.
  func orderDetail(clientOrderID: String) async throws(BrokerError) -> BrokerOrderDetail?
  /// Every symbol the broker has traded for the account, flat ones included.
  func positions() async throws(BrokerError) -> [BrokerPositionReport]
}
