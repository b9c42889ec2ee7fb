import Hummingbird
import HummingbirdWebSocket
import Logging
import ServiceLifecycle
import Synchronization

/// `GET /ws`: streams the `EventHub`'s events to WebSocket clients, each with its own filter.
///
/// Every event is sent as its pre-encoded JSON text. A client may send
/// `{"subscribe":[types],"symbols":[symbols]}` at any time to filter; the server answers
/// `{"type":"subscribed",…}`, or `{"type":"error","payload":{"error":"bad_request","detail":…}}`
/// for anything it cannot use, and the connection stays open. A client whose hub buffer
/// overflows is closed with 1008 "client too slow", so it never slows the others; one whose
/// writes make no progress for `Configuration.writeStallTimeout` (it stopped reading
/// altogether, so no close frame can reach it) is disconnected.
///
/// As a `Service`, it closes every client with 1001 "server shutting down" on graceful
/// shutdown, waits up to `Configuration.shutdownTimeout` for them to leave and then drops
/// the rest. List it *after* the application in the `ServiceGroup`: services shut down in
/// reverse order, so the clients hear 1001 before the HTTP server stops (which would close
/// them with 1000).
public final class WebSocketEndpoint: APIRoutes, Service, Sendable {
  /// Limits and timeouts of the endpoint.
  public struct Configuration: Sendable {
    /// The route path.
    public var path: String
    /// Largest message a client may send, in bytes; a larger one closes the connection (1009).
    public var maximumClientMessageBytes: Int
    /// How long to wait for a client to answer the server's close frame.
    public var closeHandshakeTimeout: Duration
    /// How long shutdown waits for every client to leave before dropping the rest.
    public var shutdownTimeout: Duration
    /// How long a write may wait for a client that reads nothing before it is disconnected.
    public var writeStallTimeout: Duration

    public init(
      path: String = "/ws", maximumClientMessageBytes: Int = 64 * 1_024,
      closeHandshakeTimeout: Duration = .seconds(5), shutdownTimeout: Duration = .seconds(10),
      writeStallTimeout: Duration = .seconds(10)
    ) {
      self.path = path
      self.maximumClientMessageBytes = maximumClientMessageBytes
      self.closeHandshakeTimeout = closeHandshakeTimeout
      self.shutdownTimeout = shutdownTimeout
      self.writeStallTimeout = writeStallTimeout
    }
  }

  /// The WebSocket server settings the API uses: pings every 30 s, so a client that stops
  /// answering is closed even when nothing is published.
  public static var serverConfiguration: WebSocketServerConfiguration {
    WebSocketServerConfiguration(
      maxFrameSize: 64 * 1_024, autoPing: .enabled(timePeriod: .seconds(30)), closeTimeout: .seconds(5))
  }

  private struct Registry {
    var connections: [Int: WebSocketConnection] = [:]
    var isShuttingDown = false
    var emptyWaiters: [CheckedContinuation<Void, Never>] = []
    /// Set when shutdown stops waiting for clients to leave.
    var stoppedWaiting = false
  }

  public let hub: EventHub
  public let configuration: Configuration
  private let metrics: AITraderMetrics
  private let logger: Logger
  private let registry = Mutex(Registry())

  public init(
    hub: EventHub, metrics: AITraderMetrics, configuration: Configuration = Configuration(),
    logger: Logger = Logger(label: "aitrader.websocket")
  ) {
    self.hub = hub
    self.metrics = metrics
    self.configuration = configuration
    self.logger = logger
  }

  /// Clients connected now.
  public var connectedClients: Int { registry.withLock { $0.connections.count } }

  public func register(on router: Router<APIRequestContext>) {
    router.ws(RouterPath(configuration.path), shouldUpgrade: { [self] request, _ in try admitUpgrade(request) }) {
      [self] inbound, outbound, context in
      try await serve(inbound: inbound, outbound: outbound, closeConnection: context.requestContext.closeConnection)
    }
  }

  /// Waits for graceful shutdown, then closes every client with 1001.
  public func run() async throws {
    do { try await gracefulShutdown() } catch { return }
    await closeAllClients()
  }

  /// Closes every client with 1001 "server shutting down", refuses new ones, waits up to
  /// `shutdownTimeout` for the connected ones to leave, and drops those that have not.
  public func closeAllClients() async {
    let connections = registry.withLock { registry in
      registry.isShuttingDown = true
      return Array(registry.connections.values)
    }
    // Ending a subscription ends its event stream; the connection then sends 1001, because its
    // hub buffer did not overflow.
    for connection in connections { hub.unsubscribe(connection.subscriptionID) }
    let timeout = configuration.shutdownTimeout
    await withTaskGroup(of: Void.self) { group in
      group.addTask { await self.allClientsLeft() }
      group.addTask {
        try? await Task.sleep(for: timeout)
        self.stopWaitingForClients()
      }
      await group.next()
      group.cancelAll()
    }
    for connection in registry.withLock({ Array($0.connections.values) }) { connection.closeConnection() }
  }

  private func admitUpgrade(_ request: Request) throws(APIError) -> RouterShouldUpgrade {
    guard request.headers[.upgrade]?.lowercased() == "websocket" else {
      throw .badRequest("\(configuration.path) needs a WebSocket upgrade (Upgrade: websocket)")
    }
    guard !registry.withLock({ $0.isShuttingDown }) else { throw .unavailable("the server is shutting down") }
    return .upgrade([:])
  }

  private enum ConnectionEnd: Sendable {
    case clientLeft, serverClosing, closeHandshakeExpired, dropped
  }

  private func serve(
    inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter,
    closeConnection: @escaping @Sendable () -> Void
  ) async throws {
    let filter = WebSocketConnection.Filter()
    let subscription = hub.subscribe(accepting: filter.accepts)
    let connection = WebSocketConnection(
      subscriptionID: subscription.id, filter: filter, closeConnection: closeConnection)
    guard admit(connection) else {
      hub.unsubscribe(subscription.id)
      try await outbound.close(.goingAway, reason: "server shutting down")
      return
    }
    metrics.changeWebSocketClients(by: 1)
    defer {
      hub.unsubscribe(subscription.id)
      metrics.changeWebSocketClients(by: -1)
      dismiss(connection)
    }
    let closeHandshakeTimeout = configuration.closeHandshakeTimeout
    try await withThrowingTaskGroup(of: ConnectionEnd.self) { group in
      group.addTask {
        try await self.answerRequests(from: inbound, to: outbound, for: connection)
        return .clientLeft
      }
      group.addTask {
        await self.forward(subscription.events, to: outbound, for: connection)
        return .serverClosing
      }
      group.addTask {
        await self.dropWhenStalled(connection)
        return .dropped
      }
      while let end = try await group.next() {
        guard end == .serverClosing else { break }
        group.addTask {
          try? await Task.sleep(for: closeHandshakeTimeout)
          return .closeHandshakeExpired
        }
      }
      group.cancelAll()
    }
  }

  /// Sends every wanted event until the subscription ends, then closes with the reason.
  private func forward(
    _ events: AsyncStream<TradingEvent>, to outbound: WebSocketOutboundWriter, for connection: WebSocketConnection
  ) async {
    do {
      // Asked again here: the filter may have changed since the hub queued the event.
      for await event in events where connection.filter.accepts(event) {
        try await connection.write(event, to: outbound)
      }
    } catch {
      return  // the client is gone or the task was cancelled
    }
    guard !Task.isCancelled else { return }
    if hub.wasCutOff(connection.subscriptionID) {
      logger.notice("closing a WebSocket client that fell behind", metadata: ["buffer": "\(hub.bufferLimit)"])
      try? await connection.close(.tooSlow, on: outbound)
    } else {
      try? await connection.close(.shuttingDown, on: outbound)
    }
  }

  /// Applies each subscription request and answers it, until the client closes.
  private func answerRequests(
    from inbound: WebSocketInboundStream, to outbound: WebSocketOutboundWriter, for connection: WebSocketConnection
  ) async throws {
    for try await message in inbound.messages(maxSize: configuration.maximumClientMessageBytes) {
      let reply: String
      switch message {
      case .text(let text):
        do {
          let filter = try EventFilter(request: text)
          connection.filter.set(filter)
          reply = filter.acknowledgementJSON
        } catch {
          reply = EventFilter.errorJSON(error.detail)
        }
      case .binary:
        reply = EventFilter.errorJSON("binary messages are not understood; send text \(EventFilter.expectedShape)")
      }
      try await connection.write(reply, to: outbound)
    }
  }

  /// Drops the connection once its writes have made no progress for `writeStallTimeout`;
  /// returns then, or when cancelled.
  private func dropWhenStalled(_ connection: WebSocketConnection) async {
    let limit = configuration.writeStallTimeout
    while (try? await Task.sleep(for: limit / 4)) != nil {
      if connection.isWriteStalled(longerThan: limit) {
        logger.notice("dropping a WebSocket client that stopped reading", metadata: ["stalled": "\(limit)"])
        connection.closeConnection()
        return
      }
    }
  }

  private func admit(_ connection: WebSocketConnection) -> Bool {
    registry.withLock { registry in
      guard !registry.isShuttingDown else { return false }
      registry.connections[connection.subscriptionID] = connection
      return true
    }
  }

  private func dismiss(_ connection: WebSocketConnection) {
    let waiters = registry.withLock { registry -> [CheckedContinuation<Void, Never>] in
      registry.connections.removeValue(forKey: connection.subscriptionID)
      guard registry.connections.isEmpty else { return [] }
      defer { registry.emptyWaiters = [] }
      return registry.emptyWaiters
    }
    for waiter in waiters { waiter.resume() }
  }

  /// Returns once no client is connected, or once shutdown has stopped waiting.
  private func allClientsLeft() async {
    await withCheckedContinuation { continuation in
      let resumeNow = registry.withLock { registry in
        if registry.connections.isEmpty || registry.stoppedWaiting { return true }
        registry.emptyWaiters.append(continuation)
        return false
      }
      if resumeNow { continuation.resume() }
    }
  }

  private func stopWaitingForClients() {
    let waiters = registry.withLock { registry in
      registry.stoppedWaiting = true
      defer { registry.emptyWaiters = [] }
      return registry.emptyWaiters
    }
    for waiter in waiters { waiter.resume() }
  }
}
