import Broker
import Foundation
import Logging
import MCP
import ServiceLifecycle
import TradingCore

/// The mock broker as a component (`aitrader serve mock-mcp`): the desk, its MCP tools behind
/// sessions, and a synthetic market of the configured symbols feeding the desk its quotes.
public struct MockBroker: HealthReporting {
  public let componentKey = "broker"
  public let desk: MockBrokerDesk
  public let sessions: MCPSessions
  let configuration: AITraderConfiguration

  /// Opens the desk on its journal (`<data dir>/mock-broker/journal.jsonl`).
  public init(configuration: AITraderConfiguration, logger: Logger) throws {
    self.configuration = configuration
    let desk = try MockBrokerDesk(
      settings: .init(
        symbols: configuration.symbols, startingCash: configuration.startingCash,
        simulation: configuration.simulatedBroker,
        journalPath: Self.journalPath(configuration)))
    self.desk = desk
    let tools = MockBrokerTools(desk: desk)
    sessions = MCPSessions(
      onlyLocalhost: Self.isLoopback(configuration.host), logger: logger,
      makeServer: { await tools.makeServer(version: AITraderVersion.current) })
  }

  /// Where the desk keeps its journal.
  public static func journalPath(_ configuration: AITraderConfiguration) -> String {
    URL(fileURLWithPath: configuration.dataDirectory).appendingPathComponent("mock-broker/journal.jsonl").path
  }

  public func health() async -> ComponentHealth {
    let counts = await sessions.counts
    let margins = await desk.margins()
    let quoted = (try? await desk.quotes(for: [])) ?? []
    return ComponentHealth(
      name: "Mock broker (MCP)", status: quoted.isEmpty ? .degraded : .ok, running: true,
      version: AITraderVersion.current,
      details: [
        "orders": .number(Double(await desk.orderCount)),
        "open_orders": .number(Double(await desk.orders(filter: .open).count)),
        "symbols_quoted": .number(Double(quoted.count)), "sessions_open": .number(Double(counts.open)),
        "sessions_opened": .number(Double(counts.opened)), "cash": .string(margins.cash.description),
        "equity": .string(margins.equity.description),
      ])
  }

  /// The HTTP server on `mockBrokerPort` and the market feeding the desk, as services.
  func services(
    metrics: AITraderMetrics, onServerRunning: @escaping @Sendable (_ port: Int?) async -> Void, logger: Logger
  ) -> [ServiceGroupConfiguration.ServiceConfiguration] {
    [
      configuration.componentServer(
        routes: MockBrokerRoutes(broker: self), port: configuration.mockBrokerPort, metrics: metrics,
        onServerRunning: onServerRunning, logger: logger),
      .init(service: MockBrokerMarket(broker: self, logger: logger)),
    ]
  }

  static func isLoopback(_ host: String) -> Bool { ["127.0.0.1", "localhost", "::1"].contains(host) }
}

/// Feeds the desk the synthetic market's quotes at the configured rate, and closes idle MCP
/// sessions, until shutdown.
struct MockBrokerMarket: Service {
  let broker: MockBroker
  let logger: Logger

  func run() async throws {
    let configuration = broker.configuration
    let start = WallClock.now()
    let ticks = PacedTicks(
      TickFeeds.syntheticMarket(configuration, start: start), pacing: .ticksPerSecond(configuration.tickRate),
      clock: ContinuousClock())
    var lastExpiry = ContinuousClock.now
    do {
      for try await tick in ticks.cancelOnGracefulShutdown() {
        do { try await broker.desk.updateQuote(tick) } catch {
          logger.error("mock broker: \(error)")
        }
        if ContinuousClock.now - lastExpiry > .seconds(30) {
          lastExpiry = .now
          await broker.sessions.expireIdle()
        }
      }
    } catch is CancellationError {}
    await broker.sessions.closeAll()
  }
}
