import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import ServiceLifecycle
import Services
import Synchronization
import Testing

@Suite(.timeLimit(.minutes(2))) struct WebSocketEndpointTests {
  private struct Server {
    let hub: EventHub
    let metrics = AITraderMetrics()
    let endpoint: WebSocketEndpoint

    init(bufferLimit: Int = 1_024, configuration: WebSocketEndpoint.Configuration = .init()) {
      hub = EventHub(bufferLimit: bufferLimit)
      endpoint = WebSocketEndpoint(hub: hub, metrics: metrics, configuration: configuration, logger: quietLogger("ws"))
    }

    func application(onServerRunning: @escaping @Sendable (Int?) async -> Void = { _ in })
      -> Application<RouterResponder<APIRequestContext>>
    {
      let router = buildRouter(status: FixedStatus(), webSocket: endpoint, metrics: metrics)
      return buildAPIApplication(
        router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: onServerRunning, logger: quietLogger("api"))
    }

    /// Connects a client and waits until the server has subscribed it to the hub.
    func connect(port: Int, readGate: AsyncStream<Void>? = nil) async throws -> WebSocketTestClient {
      let expected = endpoint.connectedClients + 1
      let client = WebSocketTestClient(port: port, readGate: readGate)
      try #require(await eventually { endpoint.connectedClients == expected && client.isOpen })
      return client
    }
  }

  /// A 128 KiB event, to fill socket buffers quickly.
  private static let largeEvent = TradingEvent(
    type: .signal, symbol: "AAPL", json: #"{"pad":"\#(String(repeating: "x", count: 128 * 1_024))"}"#)

  private static func event(_ type: TradingEventType, _ symbol: String?, _ number: Int) -> TradingEvent {
    let symbolJSON = symbol.map { #""\#($0)""# } ?? "null"
    return TradingEvent(
      type: type, symbol: symbol,
      json: #"{"type":"\#(type.rawValue)","payload":{"symbol":\#(symbolJSON),"n":\#(number)}}"#)
  }

  @Test func clientReceivesEventsAndFiltersByTypeAndSymbol() async throws {
    let server = Server()
    try await server.application().test(.live) { http in
      let client = try await server.connect(port: try #require(http.port))
      let first = Self.event(.signal, "AAPL", 1)
      server.hub.publish(first)
      #expect(await eventually { client.texts == [first.json] })

      try await client.send(#"{"subscribe":["order","heartbeat"],"symbols":["msft"]}"#)
      let acknowledgement = #"{"type":"subscribed","payload":{"types":["heartbeat","order"],"symbols":["MSFT"]}}"#
      #expect(await eventually { client.texts.last == acknowledgement })
      let wanted = [Self.event(.order, "MSFT", 4), Self.event(.heartbeat, nil, 5)]
      for event in [Self.event(.signal, "MSFT", 2), Self.event(.order, "AAPL", 3), wanted[0], wanted[1]] {
        server.hub.publish(event)
      }
      #expect(await eventually { client.texts.count == 4 })
      #expect(Array(client.texts.suffix(2)) == wanted.map(\.json))

      try await client.send(#"{"symbols":["AAPL"]}"#)
      #expect(await eventually { client.texts.last?.contains(#""symbols":["AAPL"]"#) == true })
      let symbolWanted = [Self.event(.status, nil, 7), Self.event(.fill, "AAPL", 8)]
      for event in [Self.event(.fill, "MSFT", 6), symbolWanted[0], symbolWanted[1]] { server.hub.publish(event) }
      #expect(await eventually { client.texts.count == 7 })
      #expect(Array(client.texts.suffix(2)) == symbolWanted.map(\.json))
      await client.close()
    }
    #expect(server.endpoint.connectedClients == 0)
  }

  @Test func garbageGetsAnErrorAndTheConnectionStaysUsable() async throws {
    let server = Server()
    try await server.application().test(.live) { http in
      let client = try await server.connect(port: try #require(http.port))
      let bystander = try await server.connect(port: try #require(http.port))
      let garbage = [
        ("not json at all", "expected a JSON object like"),
        ("[1,2,3]", "expected a JSON object like"),
        (#"{"subscribe":["signal","bogus"]}"#, "unknown event type 'bogus'; allowed: signal, order, fill"),
        (#"{"subscribe":"signal"}"#, "subscribe must be an array of strings"),
        (#"{"symbols":["A B"]}"#, "'A B' is not a symbol"),
        (#"{"unsubscribe":[]}"#, "unknown field 'unsubscribe'"),
      ]
      for (index, (message, detail)) in garbage.enumerated() {
        try await client.send(message)
        #expect(await eventually { client.texts.count == index + 1 })
        let reply = try JSONDecoder().decode(JSONValue.self, from: Data(client.texts[index].utf8))
        #expect(reply["type"] == "error")
        #expect(reply["payload"]?["error"] == "bad_request")
        guard case .string(let text)? = reply["payload"]?["detail"] else {
          Issue.record("no detail in \(client.texts[index])")
          continue
        }
        #expect(text.contains(detail), "\(text)")
      }
      try await client.send(binary: [0xFF, 0x00])
      #expect(await eventually { client.texts.last?.contains("binary messages are not understood") == true })

      let after = Self.event(.signal, "AAPL", 9)
      server.hub.publish(after)
      #expect(await eventually { client.texts.last == after.json && bystander.texts == [after.json] })
      #expect(server.endpoint.connectedClients == 2)
      await client.close()
      await bystander.close()
    }
  }

  @Test func slowClientIsClosedWith1008WhileOthersKeepReceiving() async throws {
    let server = Server(bufferLimit: 8)
    let (readGate, openGate) = AsyncStream.makeStream(of: Void.self)
    try await server.application().test(.live) { http in
      let port = try #require(http.port)
      let steady = try await server.connect(port: port)
      let slow = try await server.connect(port: port, readGate: readGate)
      var published = 0
      while server.hub.subscriberCount == 2, published < 4_000 {
        for _ in 0..<4 { server.hub.publish(Self.largeEvent) }
        published += 4
        let target = published
        guard await eventually({ steady.receivedCount == target }) else { break }
      }
      #expect(server.hub.subscriberCount == 1, "the slow client was never cut off")
      #expect(steady.receivedCount == published)

      openGate.yield()
      #expect(await eventually { slow.isFinished })
      #expect(slow.closeFrame?.closeCode == .policyViolation)
      #expect(slow.closeFrame?.reason == "client too slow")

      let after = Self.event(.order, "AAPL", 1)
      server.hub.publish(after)
      #expect(await eventually { steady.texts.last == after.json })
      #expect(!steady.isFinished)
      await steady.close()
    }
  }

  @Test func clientThatStopsReadingIsDroppedWhileOthersKeepReceiving() async throws {
    let server = Server(configuration: .init(writeStallTimeout: .milliseconds(500)))
    let (readGate, openGate) = AsyncStream.makeStream(of: Void.self)
    try await server.application().test(.live) { http in
      let port = try #require(http.port)
      let steady = try await server.connect(port: port)
      let stuck = try await server.connect(port: port, readGate: readGate)
      for published in stride(from: 4, through: 400, by: 4) {
        for _ in 0..<4 { server.hub.publish(Self.largeEvent) }
        #expect(await eventually { steady.receivedCount == published })
      }
      #expect(await eventually { server.endpoint.connectedClients == 1 })
      #expect(server.metrics.exposition().contains("aitrader_websocket_clients 1"))

      let after = Self.event(.order, "AAPL", 1)
      server.hub.publish(after)
      #expect(await eventually { steady.texts.last == after.json })
      openGate.yield()
      await stuck.waitUntilFinished()
      #expect(stuck.closeFrame == nil, "a dropped client gets no close frame")
      await steady.close()
    }
  }

  @Test func clientCountIsKeptInTheGauge() async throws {
    let server = Server()
    try await server.application().test(.live) { http in
      let first = try await server.connect(port: try #require(http.port))
      let second = try await server.connect(port: try #require(http.port))
      #expect(server.metrics.exposition().contains("aitrader_websocket_clients 2"))
      await first.close()
      #expect(await eventually { server.endpoint.connectedClients == 1 })
      #expect(server.metrics.exposition().contains("aitrader_websocket_clients 1"))
      await second.close()
    }
  }

  @Test func shutdownClosesClientsWith1001() async throws {
    let server = Server()
    let boundPort = Mutex<Int?>(nil)
    let application = server.application { port in boundPort.withLock { $0 = port } }
    let services = ServiceGroup(services: [application, server.endpoint], logger: quietLogger("services"))
    try await withThrowingTaskGroup(of: Void.self) { group in
      group.addTask { try await services.run() }
      try #require(await eventually { boundPort.withLock { $0 } != nil })
      let port = try #require(boundPort.withLock { $0 })
      let clients = [try await server.connect(port: port), try await server.connect(port: port)]
      await services.triggerGracefulShutdown()
      for client in clients {
        await client.waitUntilFinished()
        #expect(client.closeFrame?.closeCode == .goingAway)
        #expect(client.closeFrame?.reason == "server shutting down")
      }
      try await group.waitForAll()
    }
    #expect(server.endpoint.connectedClients == 0)
  }
}
