import Foundation
import MCP
import TradingCore

/// A `BrokerClient` for a broker that speaks MCP: orders, cancels and the account go through the
/// broker's tools (`place_order`, `cancel_order`, `get_order_history`, `get_orders`,
/// `get_positions`, `get_margins`), with the official SDK's `Client` over the transport that
/// `makeTransport` opens.
///
/// Every call has a time limit. A call that fails or runs out of time drops the session, and the
/// next call opens a new one. An order is sent under its own id as `client_order_id`; when
/// `place_order` gets no answer, the order is looked up by that id before anything is sent
/// again, so an order the broker accepted is never taken for a failure, and — the broker
/// answering one order per client id — never doubled.
public actor MCPBrokerClient: ReconcilableBroker {
  /// Opens a new transport to the broker (one per session).
  public typealias TransportFactory = @Sendable () async throws -> any Transport

  public nonisolated let name = "mcp"
  private let makeTransport: TransportFactory
  private let callTimeout: Duration
  private let placeAttempts: Int
  private var session: Client?
  private var sessionsOpened = 0

  /// - Parameters:
  ///   - callTimeout: the longest one tool call may take, connecting included.
  ///   - placeAttempts: how many times an unanswered `place_order` is looked up and sent again.
  public init(callTimeout: Duration = .seconds(5), placeAttempts: Int = 3, makeTransport: @escaping TransportFactory) {
    precondition(placeAttempts >= 1, "at least one attempt")
    self.makeTransport = makeTransport
    self.callTimeout = callTimeout
    self.placeAttempts = placeAttempts
  }

  /// How many MCP sessions this client has opened (a new one after each failure).
  public var sessionCount: Int { sessionsOpened }

  public func place(_ order: Order) async throws(BrokerError) -> Placement {
    guard case .units(let quantity) = order.quantity else {
      var rejected = order
      rejected.status = .rejected
      rejected.reason = "an MCP broker takes orders in units only"
      return Placement(order: rejected, fills: [])
    }
    var arguments: [String: Value] = [
      "client_order_id": .string(order.id.rawValue), "symbol": .string(order.symbol),
      "side": .string(order.side.rawValue.lowercased()), "quantity": .string(quantity.description),
      "order_type": .string(order.kind.rawValue),
    ]
    if let limit = order.limitPrice { arguments["limit_price"] = .string(limit.description) }
    var lastFailure = BrokerError.unavailable("no attempt made")
    for attempt in 1...placeAttempts {
      do {
        let detail = try await call("place_order", arguments, as: BrokerOrderDetail.self)
        return Self.placement(of: order, from: detail)
      } catch .unavailable(let reason) {
        lastFailure = .unavailable(reason)
        // The request may have reached the broker: ask for the order before sending it again.
        if let detail = try? await orderDetail(clientOrderID: order.id.rawValue) {
          return Self.placement(of: order, from: detail)
        }
        if attempt < placeAttempts { try? await Task.sleep(for: .milliseconds(50 * attempt)) }
      } catch {
        throw error
      }
    }
    throw lastFailure
  }

  public func cancel(_ id: OrderID) async throws(BrokerError) -> Order {
    let detail: BrokerOrderDetail
    do {
      detail = try await call("cancel_order", ["client_order_id": .string(id.rawValue)], as: BrokerOrderDetail.self)
    } catch .refused {
      throw .unknownOrder(id)
    }
    return detail.order.order
  }

  public func account() async throws(BrokerError) -> BrokerAccount {
    let margins = try await call("get_margins", [:], as: BrokerMargins.self)
    let positions = try await positions()
    return BrokerAccount(
      cash: margins.cash, equity: margins.equity,
      positions: Dictionary(
        uniqueKeysWithValues: positions.filter { !$0.quantity.isZero }.map { ($0.symbol, $0.quantity) }),
      marks: Dictionary(uniqueKeysWithValues: positions.compactMap { p in p.lastPrice.map { (p.symbol, $0) } }))
  }

  /// Every symbol the broker has traded for the account, flat ones included.
  public func positions() async throws(BrokerError) -> [BrokerPositionReport] {
    try await call("get_positions", [:], as: PositionList.self).positions
  }

  /// The broker's orders, oldest first, without their transitions: the newest 10,000 of those
  /// placed after `after` and still open, or of all when `after` is nil.
  public func brokerOrders(after: String? = nil) async throws(BrokerError) -> [BrokerOrderReport] {
    var arguments: [String: Value] = ["status": "all", "limit": 10_000]
    if let after { arguments["after"] = .string(after) }
    return try await call("get_orders", arguments, as: OrderList.self).orders
  }

  /// An order with its fills, found by the id the client gave; `nil` when the broker has none.
  public func orderDetail(clientOrderID: String) async throws(BrokerError) -> BrokerOrderDetail? {
    do {
      return try await call(
        "get_order_history", ["client_order_id": .string(clientOrderID)], as: BrokerOrderDetail.self)
    } catch .refused {
      return nil
    }
  }

  /// Calls `tool` and decodes its structured answer; `.refused` with the broker's message when
  /// the tool answered an error, `.unavailable` when no answer came.
  func call<Answer: Decodable & Sendable>(_ tool: String, _ arguments: [String: Value], as type: Answer.Type)
    async throws(BrokerError) -> Answer
  {
    let outcome: Result<CallTool.Result, BrokerError> = await firstAnswer(
      within: callTimeout, otherwise: .failure(.unavailable("\(tool): no answer within \(callTimeout)"))
    ) {
      do {
        let client = try await self.connectedClient()
        let request = try await client.send(CallTool.request(.init(name: tool, arguments: arguments)))
        return .success(try await request.value)
      } catch let error as MCPError {
        if case .invalidParams(let message) = error { return .failure(.refused(message ?? "\(error)")) }
        return .failure(.unavailable("\(tool): \(error)"))
      } catch {
        return .failure(.unavailable("\(tool): \(error)"))
      }
    }
    let result: CallTool.Result
    switch outcome {
    case .success(let answered): result = answered
    case .failure(let failure):
      if case .unavailable = failure { await dropSession() }
      throw failure
    }
    if result.isError == true {
      throw .refused(result.content.compactMap(Self.text(of:)).joined(separator: "; "))
    }
    do {
      let json: Data
      if let structured = result.structuredContent {
        json = try JSONEncoder().encode(structured)
      } else if let text = result.content.compactMap(Self.text(of:)).first {
        json = Data(text.utf8)
      } else {
        throw BrokerError.unavailable("\(tool) answered no content")
      }
      return try JSONDecoder().decode(Answer.self, from: json)
    } catch {
      throw .unavailable("\(tool) answered something that is not a \(Answer.self): \(error)")
    }
  }

  private func connectedClient() async throws -> Client {
    if let session { return session }
    let client = Client(name: "aitrader", version: "1")
    let transport = try await makeTransport()
    try await client.connect(transport: transport)
    session = client
    sessionsOpened += 1
    return client
  }

  private func dropSession() async {
    guard let client = session else { return }
    session = nil
    await client.disconnect()
  }

  private static func text(of content: Tool.Content) -> String? {
    if case .text(let text, _, _) = content { return text }
    return nil
  }

  /// The order in the core's terms after what the broker reported, and its fills.
  static func placement(of order: Order, from detail: BrokerOrderDetail) -> Placement {
    var placed = order
    placed.status = detail.order.status
    placed.filledQuantity = detail.order.filledQuantity
    placed.reason = detail.order.reason
    return Placement(order: placed, fills: detail.fills.sorted { $0.sequence < $1.sequence }.map(\.fill))
  }

  private struct PositionList: Decodable, Sendable { var positions: [BrokerPositionReport] }
  private struct OrderList: Decodable, Sendable { var orders: [BrokerOrderReport] }
}
