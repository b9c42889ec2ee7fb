import AsyncHTTPClient
import Broker
import Foundation
import MCP
import NIOCore
import Services
import Testing
import TradingCore

/// The mock broker's MCP server on a real socket, spoken to by `MCPBrokerClient` through the
/// Streamable HTTP client transport — with sessions (answers as event streams) and stateless
/// (answers in JSON) — and by hand with bad requests.
@Suite struct MockBrokerOverHTTPTests {
  static func broker() async throws -> MockBroker {
    var configuration = AITraderConfiguration()
    configuration.dataDirectory = try RunningAITrader.temporaryDirectory().path
    configuration.symbols = ["AAPL", "MSFT"]
    configuration.commissionRate = .zero
    configuration.slippageBasisPoints = .zero
    let broker = try MockBroker(configuration: configuration, logger: quietLogger("mock-broker"))
    try await broker.desk.updateQuote(
      Tick(symbol: "AAPL", timestamp: Timestamp(secondsSinceEpoch: 1_780_000_000), bid: 99, ask: 101, volume: 10))
    return broker
  }

  static func serve(_ broker: MockBroker, _ body: @Sendable (String) async throws -> Void) async throws {
    try await withComponentServer(
      buildComponentRouter(routes: MockBrokerRoutes(broker: broker), metrics: AITraderMetrics()), body)
  }

  static func order(_ id: String, _ units: Quantity) -> Order {
    Order(
      id: OrderID(id), symbol: "AAPL", side: .buy, quantity: .units(units), createdAt: Timestamp(secondsSinceEpoch: 1))
  }

  @Test(arguments: ["/mcp", "/mcp/stateless"])
  func theBrokerClientTradesThroughTheServer(path: String) async throws {
    let broker = try await Self.broker()
    try await Self.serve(broker) { base in
      let client = MCPBrokerClient(callTimeout: .seconds(60)) {
        StreamableHTTPClientTransport(endpoint: base + path, requestTimeout: .seconds(60))
      }
      let placement = try await client.place(Self.order("O-1", 3))
      #expect(placement.order.status == .filled)
      #expect(placement.fills.map(\.price) == [101])
      #expect(try await client.place(Self.order("O-1", 3)) == placement)
      let account = try await client.account()
      #expect(account.positions == ["AAPL": 3])
      #expect(account.cash == Fixed(100_000) - Fixed(303))
      #expect(await broker.desk.orderCount == 1)
      #expect(await client.sessionCount == 1)
      let sessions = await broker.sessions.counts
      #expect(sessions.opened == (path == "/mcp" ? 1 : 0))
    }
  }

  @Test func badRequestsGetJSONRPCErrorsAndTheServerGoesOn() async throws {
    let broker = try await Self.broker()
    try await Self.serve(broker) { base in
      let http = HTTPClient.shared
      func post(
        _ path: String, _ body: String, session: String? = nil, accept: String = "application/json, text/event-stream"
      )
        async throws -> (status: Int, session: String?, body: String)
      {
        var request = HTTPClientRequest(url: base + path)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: accept)
        if let session { request.headers.add(name: "MCP-Session-Id", value: session) }
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await http.execute(request, timeout: .seconds(60))
        let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
        return (Int(response.status.code), response.headers.first(name: "MCP-Session-Id"), text)
      }
      let list = #"{"jsonrpc":"2.0","id":2,"method":"tools/list"}"#
      let noSession = try await post("/mcp", list)
      #expect(noSession.status == 400)
      #expect(noSession.body.contains("send initialize first"))
      let unknownSession = try await post("/mcp", list, session: "no-such-session")
      #expect(unknownSession.status == 404)
      let garbage = try await post("/mcp/stateless", "{not json", accept: "application/json")
      #expect(garbage.status == 400)
      #expect(garbage.body.contains("-32700"))
      let wrongAccept = try await post("/mcp/stateless", list, accept: "text/html")
      #expect(wrongAccept.status == 406)

      let initialize =
        #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","#
        + #""capabilities":{},"clientInfo":{"name":"test","version":"1"}}}"#
      let opened = try await post("/mcp", initialize)
      #expect(opened.status == 200)
      #expect(opened.body.contains(#""serverInfo""#))
      let session = try #require(opened.session)
      var delete = HTTPClientRequest(url: base + "/mcp")
      delete.method = .DELETE
      delete.headers.add(name: "MCP-Session-Id", value: session)
      #expect(try await http.execute(delete, timeout: .seconds(60)).status.code == 200)
      #expect(try await post("/mcp", list, session: session).status == 404)

      // After all of it the broker still trades.
      let client = MCPBrokerClient(callTimeout: .seconds(60)) {
        StreamableHTTPClientTransport(endpoint: base + "/mcp", requestTimeout: .seconds(60))
      }
      #expect(try await client.place(Self.order("O-after", 1)).order.status == .filled)
    }
  }

  @Test func theTransportsBreakerOpensAfterFailuresAndRefusesWithoutCalling() async throws {
    let breaker = CircuitBreaker(configuration: .init(failureThreshold: 2, cooldown: .seconds(600)))
    // AsyncHTTPClient retries a refused connection until the request's deadline: keep it short.
    let transport = StreamableHTTPClientTransport(
      endpoint: "http://127.0.0.1:\(try RunningAITrader.freePort())/mcp", requestTimeout: .seconds(1), breaker: breaker)
    let message = Data(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#.utf8)
    for _ in 1...2 { await #expect(throws: (any Error).self) { try await transport.send(message) } }
    #expect(breaker.snapshot.state == .open)
    do {
      try await transport.send(message)
      Issue.record("an open breaker let the call through")
    } catch {
      #expect("\(error)".contains("circuit open"))
    }
    #expect(breaker.snapshot.refused == 1)
  }

  @Test func aStoppedServerIsUnavailableAndAnEndedSessionIsReopened() async throws {
    let broker = try await Self.broker()
    let client = MCPBrokerClient(callTimeout: .seconds(2)) {
      StreamableHTTPClientTransport(endpoint: "http://127.0.0.1:\(try RunningAITrader.freePort())/mcp")
    }
    await #expect(throws: BrokerError.self) { try await client.account() }
    try await Self.serve(broker) { base in
      let client = MCPBrokerClient(callTimeout: .seconds(60)) {
        StreamableHTTPClientTransport(endpoint: base + "/mcp", requestTimeout: .seconds(60))
      }
      _ = try await client.account()
      await broker.sessions.closeAll()
      // The first call after the session ended fails and drops it; the next opens a new one.
      await #expect(throws: BrokerError.self) { try await client.account() }
      _ = try await client.account()
      #expect(await client.sessionCount == 2)
    }
  }
}
