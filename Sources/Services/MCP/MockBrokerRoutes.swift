import Broker
import Hummingbird
import MCP

/// The mock broker's HTTP endpoints (DESIGN.md §2, port 9000):
/// - `POST|GET|DELETE /mcp` — MCP over Streamable HTTP with sessions (answers as event streams);
/// - `POST /mcp/stateless` — the same tools without a session, answered in JSON;
/// - `GET /health` — the desk's figures and the sessions.
public struct MockBrokerRoutes: APIRoutes {
  let broker: MockBroker

  public init(broker: MockBroker) { self.broker = broker }

  public func register(on router: Router<APIRequestContext>) {
    router.get("/health") { _, _ in await broker.health().healthAnswer() }
    for method in [HTTPRequest.Method.post, .get, .delete] {
      router.on("/mcp", method: method) { request, _ in
        MCPHTTPAdapter.response(await broker.sessions.handle(try await MCPHTTPAdapter.request(request)))
      }
    }
    router.post("/mcp/stateless") { request, _ in
      MCPHTTPAdapter.response(await broker.sessions.handleStateless(try await MCPHTTPAdapter.request(request)))
    }
  }
}
