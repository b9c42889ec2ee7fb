import Foundation
import MCP
import TradingCore

/// The mock broker's MCP tools: their names, descriptions and JSON Schemas, and the calls that
/// carry them out on a `MockBrokerDesk`.
///
/// A call's answer is the JSON object of the result both as `structuredContent` and as the text
/// of its one content item, for clients that read only text. A refused call (a missing or
/// wrong-typed argument, an unknown symbol or order) answers `isError: true` with the reason,
/// as the MCP specification asks of tool errors; an unknown tool is a protocol error
/// (invalid params, -32602).
public struct MockBrokerTools: Sendable {
  /// The tools' names.
  public enum Name: String, Sendable, CaseIterable {
    case getHoldings = "get_holdings"
    case getPositions = "get_positions"
    case getMargins = "get_margins"
    case getQuote = "get_quote"
    case placeOrder = "place_order"
    case cancelOrder = "cancel_order"
    case getOrders = "get_orders"
    case getOrderHistory = "get_order_history"
  }

  public let desk: MockBrokerDesk

  public init(desk: MockBrokerDesk) { self.desk = desk }

  /// Every tool with its input schema.
  public static let all: [Tool] = Name.allCases.map(tool(named:))

  /// Carries out one call.
  public func call(_ name: String, arguments: [String: Value]?) async throws(MCPError) -> CallTool.Result {
    guard let tool = Name(rawValue: name) else {
      throw MCPError.invalidParams(
        "unknown tool '\(name)'; this broker has \(Name.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    do {
      return try Self.answer(try await run(tool, ToolArguments(tool: name, values: arguments, allowed: tool.arguments)))
    } catch let refusal as MockBrokerError {
      return CallTool.Result(content: [.text(text: refusal.description, annotations: nil, _meta: nil)], isError: true)
    } catch {
      throw MCPError.internalError("\(name): \(error)")
    }
  }

  private func run(_ tool: Name, _ arguments: ToolArguments) async throws -> any Encodable & Sendable {
    switch tool {
    case .getHoldings:
      return ["holdings": await desk.holdings()]
    case .getPositions:
      return ["positions": await desk.positions()]
    case .getMargins:
      return await desk.margins()
    case .getQuote:
      var symbols = try arguments.strings("symbols")
      if let symbol = try arguments.string("symbol", required: false) { symbols.append(symbol) }
      return ["quotes": try await desk.quotes(for: symbols.map { $0.uppercased() })]
    case .placeOrder:
      return try await desk.place(try Self.placeOrderRequest(arguments))
    case .cancelOrder:
      return try await desk.cancel(try Self.orderID(arguments))
    case .getOrders:
      let filter = try arguments.choice("status", fallback: .all, choices: MockBrokerDesk.OrderFilter.allCases)
      let symbol = try arguments.string("symbol", required: false)?.uppercased()
      let after = try arguments.string("after", required: false)
      let limit = try arguments.integer("limit", fallback: 1_000, range: 1...10_000)
      let withHistory = try arguments.boolean("include_history", fallback: false)
      let orders = await desk.orders(filter: filter, symbol: symbol, after: after, limit: limit)
      return [
        "orders": withHistory
          ? orders
          : orders.map {
            var order = $0; order.history = []; return order
          }
      ]
    case .getOrderHistory:
      return try await desk.detail(try Self.orderID(arguments))
    }
  }

  static func placeOrderRequest(_ arguments: ToolArguments) throws(MockBrokerError) -> PlaceOrderRequest {
    let clientOrderID = try arguments.string("client_order_id") ?? ""
    let symbol = (try arguments.string("symbol") ?? "").uppercased()
    let side = try arguments.choice("side", choices: Side.allCases)
    let kind = try arguments.choice("order_type", fallback: .market, choices: [Order.Kind.market, .limit])
    let quantity = try arguments.positiveDecimal("quantity") ?? .zero
    let limitPrice = try arguments.positiveDecimal("limit_price", required: false)
    switch (kind, limitPrice) {
    case (.limit, nil): throw .invalidArgument("place_order: a limit order needs 'limit_price'")
    case (.market, .some): throw .invalidArgument("place_order: a market order takes no 'limit_price'")
    default: break
    }
    return PlaceOrderRequest(
      clientOrderID: clientOrderID, symbol: symbol, side: side, kind: kind, quantity: quantity, limitPrice: limitPrice)
  }

  static func orderID(_ arguments: ToolArguments) throws(MockBrokerError) -> String {
    let byBroker = try arguments.string("order_id", required: false)
    let byClient = try arguments.string("client_order_id", required: false)
    switch (byBroker, byClient) {
    case (let id?, nil), (nil, let id?): return id
    case (.some, .some): throw .invalidArgument("\(arguments.tool): give 'order_id' or 'client_order_id', not both")
    case (nil, nil): throw .invalidArgument("\(arguments.tool): 'order_id' or 'client_order_id' is required")
    }
  }

  static func answer(_ result: any Encodable) throws -> CallTool.Result {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let json = try encoder.encode(result)
    let structured: Value? = try JSONDecoder().decode(Value.self, from: json)
    return CallTool.Result(
      content: [.text(text: String(decoding: json, as: UTF8.self), annotations: nil, _meta: nil)],
      structuredContent: structured)
  }
}

extension MockBrokerTools.Name {
  /// The arguments the tool takes.
  var arguments: [String] {
    switch self {
    case .getHoldings, .getPositions, .getMargins: []
    case .getQuote: ["symbol", "symbols"]
    case .placeOrder: ["client_order_id", "symbol", "side", "quantity", "order_type", "limit_price"]
    case .cancelOrder, .getOrderHistory: ["order_id", "client_order_id"]
    case .getOrders: ["status", "symbol", "after", "limit", "include_history"]
    }
  }
}
