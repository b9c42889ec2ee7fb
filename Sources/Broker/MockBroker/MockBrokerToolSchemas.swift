import MCP

extension MockBrokerTools {
  /// A tool's description, JSON Schema (draft 2020-12 keywords) and hints.
  static func tool(named name: Name) -> Tool {
    let decimal: Value = .object([
      "type": .array([.string("string"), .string("number")]),
      "description": .string("a positive decimal; a string such as \"10.5\" keeps every digit exact"),
    ])
    let orderLookup: [String: Value] = [
      "order_id": .object(["type": "string", "description": "the broker's order id (B-…)"]),
      "client_order_id": .object(["type": "string", "description": "the id the client gave when placing"]),
    ]
    let exactlyOneOrderID: Value = .array([
      .object(["required": .array(["order_id"])]), .object(["required": .array(["client_order_id"])]),
    ])
    switch name {
    case .getHoldings:
      return Tool(
        name: name.rawValue,
        description: "Symbols held now (non-zero quantity; negative when short), with "
          + "average price, last price and P&L.",
        inputSchema: noArguments, annotations: readOnly)
    case .getPositions:
      return Tool(
        name: name.rawValue,
        description: "Every symbol traded, flat ones included, with quantity, average "
          + "price, last price, realised and unrealised P&L.",
        inputSchema: noArguments, annotations: readOnly)
    case .getMargins:
      return Tool(
        name: name.rawValue, description: "Cash, equity, gross exposure and what new positions may still use.",
        inputSchema: noArguments, annotations: readOnly)
    case .getQuote:
      return Tool(
        name: name.rawValue, description: "Latest bid and ask of one symbol, several, or (no argument) all.",
        inputSchema: object([
          "symbol": .object(["type": "string"]),
          "symbols": .object(["type": "array", "items": .object(["type": "string"])]),
        ]),
        annotations: readOnly)
    case .placeOrder:
      return Tool(
        name: name.rawValue,
        description: "Place a market or limit order. The same client_order_id always "
          + "answers the same order (marked duplicate), so a call whose answer was lost can be sent again.",
        inputSchema: object(
          [
            "client_order_id": .object(["type": "string", "minLength": 1]),
            "symbol": .object(["type": "string", "minLength": 1]),
            "side": .object(["type": "string", "enum": .array(["buy", "sell"])]),
            "quantity": decimal,
            "order_type": .object(["type": "string", "enum": .array(["market", "limit"]), "default": "market"]),
            "limit_price": decimal,
          ], required: ["client_order_id", "symbol", "side", "quantity"]),
        annotations: Tool.Annotations(destructiveHint: false, idempotentHint: true, openWorldHint: false))
    case .cancelOrder:
      return Tool(
        name: name.rawValue, description: "Cancel an open order, by order_id or client_order_id.",
        inputSchema: object(orderLookup, oneOf: exactlyOneOrderID),
        annotations: Tool.Annotations(destructiveHint: true, idempotentHint: false, openWorldHint: false))
    case .getOrders:
      return Tool(
        name: name.rawValue,
        description: "Orders oldest first (the newest `limit` when there are more), "
          + "optionally only open or closed ones, one symbol's, or those placed after order_id `after` plus "
          + "every order still open (a finished order never changes). Transitions only with include_history.",
        inputSchema: object([
          "status": .object(["type": "string", "enum": .array(["all", "open", "closed"]), "default": "all"]),
          "symbol": .object(["type": "string"]),
          "after": .object(["type": "string", "description": "a broker order_id (B-…)"]),
          "include_history": .object(["type": "boolean", "default": false]),
          "limit": .object(["type": "integer", "minimum": 1, "maximum": 10_000, "default": 1_000]),
        ]),
        annotations: readOnly)
    case .getOrderHistory:
      return Tool(
        name: name.rawValue,
        description: "One order with every status it went through and its fills, by "
          + "order_id or client_order_id.",
        inputSchema: object(orderLookup, oneOf: exactlyOneOrderID), annotations: readOnly)
    }
  }

  private static let readOnly = Tool.Annotations(readOnlyHint: true, openWorldHint: false)

  private static var noArguments: Value { object([:]) }

  private static func object(_ properties: [String: Value], required: [String] = [], oneOf: Value? = nil) -> Value {
    var schema: [String: Value] = [
      "type": "object", "properties": .object(properties), "additionalProperties": false,
    ]
    if !required.isEmpty { schema["required"] = .array(required.map(Value.string)) }
    if let oneOf { schema["oneOf"] = oneOf }
    return .object(schema)
  }
}
