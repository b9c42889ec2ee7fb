import MCP
import TradingCore

extension MockBrokerTools {
  /// A new MCP server answering `tools/list` and `tools/call` with these tools; one per session
  /// (or per request in stateless mode), all sharing the one desk.
  public func makeServer(version: String) async -> Server {
    let server = Server(
      name: "aitrader-mock-broker", version: version, title: "AITrader mock broker",
      instructions: "A simulated broker: quotes, orders and positions over MCP tools. Prices and "
        + "quantities are decimal strings. Send each order with your own client_order_id.",
      capabilities: Server.Capabilities(tools: .init(listChanged: false)))
    await server.withMethodHandler(ListTools.self) { _ in ListTools.Result(tools: Self.all) }
    await server.withMethodHandler(CallTool.self) { parameters in
      try await self.call(parameters.name, arguments: parameters.arguments)
    }
    return server
  }
}
