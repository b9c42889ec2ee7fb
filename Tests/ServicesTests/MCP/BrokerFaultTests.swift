import AsyncHTTPClient
import Broker
import Foundation
import HTTPTypes
import Hummingbird
import Messaging
import NIOCore
import Services
import Synchronization
import Testing
import TradingCore

#if canImport(Glibc)
  import Glibc
#endif

/// Execution trading over MCP through faults: the broker process killed and restarted while
/// orders are in flight, and a `place_order` whose answer a proxy cuts off. Run with the other
/// process tests, after the parallel suite (see the Makefile): their time limits assume the
/// machine is not saturated.
@Suite(.serialized) struct BrokerFaultTests {
  static let symbols = ["AAPL", "MSFT", "GOOG", "AMZN", "TSLA"]

  /// `count` one-unit market decisions, alternating sides, spread over the symbols.
  static func decisions(_ count: Int) -> [OrderDecision] {
    var random = SplitMix64(seed: 7)
    let start = WallClock.now()
    return (0..<count).map { index in
      let signal = TimeSortableID(timestamp: start.adding(nanoseconds: Int64(index)), using: &random)
      return OrderDecision(
        id: OrderID(signal: signal), signalID: signal, symbol: symbols[index % symbols.count],
        side: index / symbols.count % 2 == 0 ? .buy : .sell, quantity: 1, confidence: 0.5,
        timestamp: start.adding(nanoseconds: Int64(index)))
    }
  }

  @Test func theBrokerKilledAndRestartedMidStreamLosesNoOrderAndDoublesNone() async throws {
    let directory = try RunningAITrader.temporaryDirectory()
    let port = try RunningAITrader.freePort()
    let environment = ["AITRADER_DATA_DIRECTORY": directory.path, "AITRADER_TICK_RATE": "500"]
    var broker = try await RunningAITrader.start(
      dataDirectory: directory, arguments: [], environment: environment, label: "mock-broker-1",
      serving: "mock-mcp", port: port)
    defer { broker.forceStop() }
    let client = MCPBrokerClient(callTimeout: .seconds(5)) {
      StreamableHTTPClientTransport(endpoint: "http://127.0.0.1:\(port)/mcp", requestTimeout: .seconds(5))
    }
    let store = InMemoryPipelineStore()
    let pipeline = EmbeddedPipeline(
      store: store,
      configuration: .init(
        reclaimAfterIdle: .milliseconds(300), reclaimEvery: .milliseconds(100), remoteBroker: client,
        reconcileEvery: .seconds(1)))
    let reconciler = try #require(pipeline.reconciler)
    let running = [
      Task { try await pipeline.execution.run() }, Task { try await pipeline.portfolio.run() },
      Task { await reconciler.run(every: .seconds(1)) },
    ]
    defer { for task in running { task.cancel() } }

    let decisions = Self.decisions(400)
    let publisher = Task {
      for batch in stride(from: 0, to: decisions.count, by: 10) {
        let slice = Array(decisions[batch..<min(batch + 10, decisions.count)])
        _ = try await store.insertOrdersIfAbsent(slice)
        _ = try await pipeline.bus.publish(
          to: .orderDecisions, entries: try slice.map { try BusEnvelope(type: "decision", encoding: $0).busFields },
          trim: .standard(for: .orderDecisions))
        try await Task.sleep(for: .milliseconds(25))
      }
    }
    func carriedOut() async -> Int { await store.orders.values.filter { $0.status != .new }.count }
    #expect(await PipelineFixture.eventually(within: .seconds(60)) { await carriedOut() >= 100 })
    _ = kill(broker.process.processIdentifier, SIGKILL)
    broker.process.waitUntilExit()
    let atKill = await carriedOut()
    try await Task.sleep(for: .seconds(1))
    broker = try await RunningAITrader.start(
      dataDirectory: directory, arguments: [], environment: environment, label: "mock-broker-2",
      serving: "mock-mcp", port: port)
    try await publisher.value
    #expect(await PipelineFixture.eventually(within: .seconds(90)) { await carriedOut() == decisions.count })
    #expect(atKill < decisions.count, "the broker was killed mid-stream")
    #expect(await reconciler.reconcile())

    // The broker has exactly one order per decision, and the store agrees with it on each.
    let brokerOrders = try await client.brokerOrders()
    #expect(brokerOrders.count == decisions.count)
    #expect(Set(brokerOrders.map(\.clientOrderID)) == Set(decisions.map(\.id.rawValue)))
    let stored = await store.orders
    for order in brokerOrders {
      let mine = stored[OrderID(order.clientOrderID)]
      #expect(mine?.status == order.status, "\(order.clientOrderID)")
      #expect(mine?.filledQuantity == order.filledQuantity, "\(order.clientOrderID)")
    }
    // Positions: the stored fills, the portfolio and the broker say the same.
    var fromFills: [String: Quantity] = [:]
    for record in await store.fills { fromFills[record.fill.symbol, default: .zero] += record.fill.signedQuantity }
    let brokerPositions = Dictionary(
      uniqueKeysWithValues: try await client.positions().map { ($0.symbol, $0.quantity) })
    #expect(fromFills.filter { !$0.value.isZero } == brokerPositions.filter { !$0.value.isZero })
    #expect(
      await PipelineFixture.eventually {
        let portfolio = pipeline.portfolio.portfolio
        return brokerPositions.allSatisfy { portfolio.quantity(of: $0.key) == $0.value }
      }, "the portfolio holds the broker's positions")
    #expect(await reconciler.differences.allSatisfy { $0.kind != "position" })
    // Every order went through its steps, each recorded once.
    let transitions = await store.transitions
    for decision in decisions {
      let steps = transitions[decision.id] ?? []
      #expect(steps.map(\.sequence) == Array(1...max(1, steps.count)), "\(decision.id)")
      #expect(steps.last?.to == stored[decision.id]?.status)
    }
    let health = await reconciler.health().details
    func count(_ key: String) -> Int {
      if case .number(let value)? = health[key] { return Int(value) }
      return -1
    }
    print(
      "broker restart: \(decisions.count) decisions, \(atKill) carried out at the kill, \(brokerOrders.count) "
        + "orders at the broker; reconciliation: \(count("orders_adopted")) orders and "
        + "\(count("fills_adopted")) fills adopted; differences "
        + "\(await reconciler.differences.map { "\($0.kind) \($0.subject)" })")
    _ = try await broker.terminate()
  }

  @Test func aPlaceOrderWhoseAnswerIsCutOffMakesExactlyOneOrder() async throws {
    let broker = try await MockBrokerOverHTTPTests.broker()
    let upstream = buildComponentRouter(routes: MockBrokerRoutes(broker: broker), metrics: AITraderMetrics())
    try await withComponentServer(upstream) { brokerURL in
      let cuts = Mutex(1)
      let proxy = Router(context: APIRequestContext.self)
      proxy.post("/mcp") { request, context in
        // Forwards the request whole; cuts the connection instead of answering the first
        // place_order, after the broker carried it out.
        var forwarded = HTTPClientRequest(url: brokerURL + "/mcp")
        forwarded.method = .POST
        for field in request.headers { forwarded.headers.add(name: field.name.rawName, value: field.value) }
        var incoming = request
        let body = try await incoming.collectBody(upTo: 1 << 20)
        forwarded.body = .bytes(body)
        let answer = try await HTTPClient.shared.execute(forwarded, timeout: .seconds(5))
        let answerBody = try await answer.body.collect(upTo: 1 << 20)
        let placing = String(buffer: body).contains(#""place_order""#)
        if placing,
          cuts.withLock({ left in
            defer { left -= 1 }; return left > 0
          })
        {
          context.closeConnection()
          return Response(status: .ok)
        }
        var headers = HTTPFields()
        for field in answer.headers {
          if let name = HTTPField.Name(field.name), name != .contentLength, name != .transferEncoding {
            headers[name] = field.value
          }
        }
        return Response(
          status: .init(code: Int(answer.status.code)), headers: headers, body: .init(byteBuffer: answerBody))
      }
      try await withComponentServer(proxy) { proxyURL in
        let client = MCPBrokerClient(callTimeout: .seconds(10)) {
          StreamableHTTPClientTransport(endpoint: proxyURL + "/mcp", requestTimeout: .seconds(10))
        }
        let order = MockBrokerOverHTTPTests.order("O-cut", 2)
        let placement = try await client.place(order)
        #expect(placement.order.status == .filled)
        #expect(placement.fills.map(\.quantity) == [2])
        #expect(cuts.withLock { $0 } == 0, "the proxy cut one answer")
        #expect(await broker.desk.orderCount == 1)
        #expect(await broker.desk.holdings().map(\.quantity) == [2])
        #expect(await client.sessionCount == 2)
      }
    }
  }
}
