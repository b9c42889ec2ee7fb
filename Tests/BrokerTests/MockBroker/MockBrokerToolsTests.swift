import Broker
import MCP
import Testing
import TradingCore

/// The mock broker's tools as an MCP client sees them: schemas, answers, and clear refusals.
@Suite struct MockBrokerToolsTests {
  static func tools() async throws -> MockBrokerTools {
    let desk = try MockBrokerDeskTests.desk()
    try await desk.updateQuote(MockBrokerDeskTests.quote(bid: 100, ask: 100))
    return MockBrokerTools(desk: desk)
  }

  static func text(_ result: CallTool.Result) -> String {
    result.content.compactMap { content in
      if case .text(let text, _, _) = content { return text }
      return nil
    }.joined()
  }

  @Test func listsEveryToolWithAnObjectSchemaThatNamesItsArguments() {
    #expect(MockBrokerTools.all.map(\.name) == MockBrokerTools.Name.allCases.map(\.rawValue))
    for tool in MockBrokerTools.all {
      #expect(tool.inputSchema.objectValue?["type"] == "object")
      #expect(tool.inputSchema.objectValue?["additionalProperties"] == false)
      #expect(tool.description?.isEmpty == false)
    }
    let place = MockBrokerTools.all.first { $0.name == "place_order" }
    #expect(
      place?.inputSchema.objectValue?["required"] == ["client_order_id", "symbol", "side", "quantity"])
  }

  @Test func placesWithDecimalStringsOrNumbersAndAnswersStructuredAndText() async throws {
    let tools = try await Self.tools()
    let byString = try await tools.call(
      "place_order",
      arguments: ["client_order_id": "s", "symbol": "aapl", "side": "BUY", "quantity": "2.5"])
    #expect(byString.isError == nil)
    let order = byString.structuredContent?.objectValue?["order"]?.objectValue
    #expect(order?["quantity"] == "2.5")
    #expect(order?["status"] == "filled")
    #expect(order?["symbol"] == "AAPL")
    #expect(Self.text(byString).contains(#""client_order_id":"s""#))
    let byNumber = try await tools.call(
      "place_order", arguments: ["client_order_id": "n", "symbol": "AAPL", "side": "sell", "quantity": 1.5])
    #expect(byNumber.structuredContent?.objectValue?["order"]?.objectValue?["quantity"] == "1.5")
    let holdings = try await tools.call("get_holdings", arguments: nil)
    #expect(holdings.structuredContent?.objectValue?["holdings"]?.arrayValue?.first?.objectValue?["quantity"] == "1")
  }

  @Test(
    arguments: [
      (["symbol": "AAPL", "side": "buy", "quantity": "1"], "'client_order_id' is required"),
      (["client_order_id": "x", "symbol": "AAPL", "side": "buy"], "'quantity' is required"),
      (["client_order_id": "x", "symbol": "AAPL", "side": "buy", "quantity": -5], "'quantity' must be positive"),
      (["client_order_id": "x", "symbol": "AAPL", "side": "buy", "quantity": "abc"], "at most 8 fractional digits"),
      (["client_order_id": "x", "symbol": "AAPL", "side": "buy", "quantity": true], "'quantity' must be a decimal"),
      (["client_order_id": "x", "symbol": "AAPL", "side": "hold", "quantity": 1], "'side' must be one of buy, sell"),
      (["client_order_id": "x", "symbol": "NOPE", "side": "buy", "quantity": 1], "unknown symbol 'NOPE'"),
      (["client_order_id": 7, "symbol": "AAPL", "side": "buy", "quantity": 1], "'client_order_id' must be a string"),
      (
        ["client_order_id": "x", "symbol": "AAPL", "side": "buy", "quantity": 1, "order_type": "limit"],
        "a limit order needs 'limit_price'"
      ),
      (
        ["client_order_id": "x", "symbol": "AAPL", "side": "buy", "quantity": 1, "limit_price": "1"],
        "a market order takes no 'limit_price'"
      ),
      (["client_order_id": "x", "symbol": "AAPL", "side": "buy", "quantity": 1, "qty": 1], "unknown argument 'qty'"),
    ] as [([String: Value], String)])
  func refusesBadOrdersWithAToolErrorSayingWhy(arguments: [String: Value], reason: String) async throws {
    let tools = try await Self.tools()
    let result = try await tools.call("place_order", arguments: arguments)
    #expect(result.isError == true)
    #expect(Self.text(result).contains(reason), "\(Self.text(result))")
    #expect(await tools.desk.orderCount == 0)
  }

  @Test func refusesBadLookupsAndUnknownTools() async throws {
    let tools = try await Self.tools()
    let both = try await tools.call("cancel_order", arguments: ["order_id": "B-1", "client_order_id": "c"])
    #expect(Self.text(both).contains("not both"))
    let none = try await tools.call("get_order_history", arguments: [:])
    #expect(Self.text(none).contains("'order_id' or 'client_order_id' is required"))
    let unknown = try await tools.call("cancel_order", arguments: ["client_order_id": "ghost"])
    #expect(Self.text(unknown).contains("no order has id 'ghost'"))
    let limit = try await tools.call("get_orders", arguments: ["limit": 0])
    #expect(Self.text(limit).contains("'limit' must be a whole number in 1…10000"))
    let quote = try await tools.call("get_quote", arguments: ["symbol": 42])
    #expect(Self.text(quote).contains("'symbol' must be a string, got a number"))
    await #expect(throws: MCPError.self) { try await tools.call("no_such_tool", arguments: nil) }
    do {
      _ = try await tools.call("no_such_tool", arguments: nil)
    } catch {
      #expect(error.code == -32602)
      #expect("\(error)".contains("unknown tool 'no_such_tool'"))
    }
  }
}
