import Logging
import NIOCore
import NIOPosix
import Synchronization

/// A connection to Redis that keeps itself connected: the unit the rest of the code talks to.
///
/// - **Pipelining:** any number of commands may be in flight at once, from any number of tasks;
///   `pipeline(_:)` sends a batch in one write and one flush.
/// - **Timeouts:** every command fails after `commandTimeout` (plus the `BLOCK` time it asked
///   for). A timeout closes the connection, because a reply that arrives late could otherwise be
///   taken for the next command's.
/// - **Reconnects:** when the connection drops, the client reconnects at once and then with
///   `RedisBackoff`, replaying `AUTH`, `HELLO` and `SELECT` each time. Commands issued meanwhile
///   wait up to `reconnectWait` and then fail with `RedisClientError.notConnected`.
/// - **No automatic retries:** a command that was in flight when the connection dropped fails with
///   `connectionLost`, since it may have run and only the caller knows whether running it twice is
///   harmless.
///
/// One connection serves everything except blocking commands: an `XREADGROUP … BLOCK` holds its
/// connection for as long as it blocks, so each blocking reader needs a client of its own.
public final class RedisClient: Sendable {
  public let configuration: RedisConfiguration
  private let eventLoopGroup: any EventLoopGroup
  private let logger: Logger
  private let state = Mutex(ConnectionState())
  private static let clientNumbers = Atomic<Int>(0)

  /// A client for `configuration`. It connects on first use; see `connect()` to connect now.
  public init(
    configuration: RedisConfiguration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
    logger: Logger = Logger(label: "aitrader.redis")
  ) {
    self.configuration = configuration
    self.eventLoopGroup = eventLoopGroup
    var logger = logger
    // Tells apart, in the log, the several clients (a bus has one per blocked reader) on one server.
    logger[metadataKey: "redis_client"] = "\(Self.clientNumbers.add(1, ordering: .relaxed).newValue)"
    self.logger = logger
  }

  /// A client for `redis://[user:password@]host[:port][/db]` with default tuning.
  public convenience init(url: String) throws(RedisClientError) {
    self.init(configuration: try RedisConfiguration(url: url))
  }

  deinit {
    let connection = state.withLock { $0.close().connection }
    connection?.channel.close(promise: nil)
  }

  /// Connects now (if not connected yet), so that a wrong address or password shows at start-up
  /// rather than at the first command. Waits at most `reconnectWait`.
  public func connect() async throws {
    _ = try await connection()
  }

  /// The protocol the current connection speaks: RESP3 if asked for and the server agreed.
  public func negotiatedProtocol() async throws -> RedisProtocolVersion {
    try await connection().protocolVersion
  }

  /// Sends one command and returns its reply; an error reply is thrown as `RedisServerError`.
  /// `timeout` replaces `commandTimeout` for this command: longer for a command that blocks on
  /// the server, shorter for one that must not wait.
  @discardableResult
  public func send(_ command: RedisCommand, timeout: Duration? = nil) async throws -> RESPValue {
    let reply = try await connection().send([command], timeout: timeout ?? configuration.commandTimeout)[0]
    if case .error(let error) = reply { throw error }
    return reply
  }

  /// Sends one command given as its words: `send(["XLEN", "ticks"])`.
  @discardableResult
  public func send(_ arguments: [String]) async throws -> RESPValue {
    guard let name = arguments.first else {
      throw RedisClientError.invalidCommand("no command given")
    }
    return try await send(RedisCommand(name, Array(arguments.dropFirst())))
  }

  /// Sends `commands` in one write and returns every reply in order, error replies as `.error`
  /// values (one failing command does not fail the others, as in Redis itself).
  public func pipeline(_ commands: [RedisCommand]) async throws -> [RESPValue] {
    try await connection().send(commands, timeout: configuration.commandTimeout)
  }

  /// Closes the connection and stops reconnecting. Commands waiting or in flight fail with
  /// `RedisClientError.closed` or `connectionLost`; later ones with `closed`.
  public func close() async {
    let (connection, waiters) = state.withLock { $0.close() }
    for waiter in waiters { waiter.resume(throwing: RedisClientError.closed) }
    await connection?.close()
  }

  // MARK: - Connecting

  /// The live connection, waiting for a (re)connect if there is none.
  private func connection() async throws -> RedisConnection {
    if let live = state.withLock({ $0.liveConnection }) { return live }
    let ticket = state.withLock { $0.issueTicket() }
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        let outcome = state.withLock { $0.wait(ticket: ticket, continuation: continuation) }
        switch outcome {
        case .ready(let connection): continuation.resume(returning: connection)
        case .failed(let error): continuation.resume(throwing: error)
        case .waiting(let startReconnecting):
          if startReconnecting { startReconnectLoop() }
          startWaitTimer(ticket: ticket)
        }
      }
    } onCancel: {
      state.withLock { $0.cancel(ticket: ticket) }?.resume(throwing: CancellationError())
    }
  }

  private func notConnected(lastError: String?) -> RedisClientError {
    .notConnected(
      endpoint: configuration.endpoint, waited: configuration.reconnectWait, lastError: lastError ?? "still connecting")
  }

  /// Fails the waiter with `notConnected` if it is still waiting after `reconnectWait` and at
  /// least one attempt has failed meanwhile.
  private func startWaitTimer(ticket: UInt64) {
    let wait = configuration.reconnectWait
    Task { [weak self] in
      try? await Task.sleep(for: wait)
      guard let self else { return }
      let (waiter, lastError) = state.withLock { ($0.expire(ticket: ticket), $0.lastError) }
      waiter?.resume(throwing: notConnected(lastError: lastError))
    }
  }

  /// Connects, retrying with backoff, until connected or closed. `ConnectionState` lets at most
  /// one such loop run at a time. The loop holds the client only during an attempt, so a client
  /// dropped without `close()` is still freed.
  private func startReconnectLoop() {
    Task { [weak self] in
      var failures = 0
      while let delay = await self?.attemptConnection(failuresSoFar: failures) {
        failures += 1
        try? await Task.sleep(for: delay)
      }
    }
  }

  /// One connection attempt: nil when the loop is done (connected, or the client closed), else
  /// how long to wait before the next attempt.
  private func attemptConnection(failuresSoFar: Int) async -> Duration? {
    do {
      let connection = try await RedisConnection.connect(
        configuration: configuration, eventLoopGroup: eventLoopGroup, logger: logger)
      guard let waiters = state.withLock({ $0.connected(connection) }) else {
        await connection.close()  // the client was closed while connecting
        return nil
      }
      if failuresSoFar > 0 {
        logger.notice("reconnected to Redis", metadata: ["endpoint": "\(configuration.endpoint)"])
      }
      connection.closeFuture.whenComplete { [weak self] _ in self?.connectionClosed(connection) }
      for waiter in waiters { waiter.resume(returning: connection) }
      return nil
    } catch {
      let failure = (error as? RedisClientError).map(String.init(describing:)) ?? "\(error)"
      let (expired, previousFailure) = state.withLock { state in
        let previous = state.lastError
        return (state.connectFailed(failure), previous)
      }
      guard let expired else { return nil }
      for waiter in expired { waiter.resume(throwing: notConnected(lastError: failure)) }
      // A server that stays down would log the same line every backoff: say it once, loudly.
      logger.log(
        level: previousFailure != failure ? .warning : .debug, "cannot connect to Redis",
        metadata: ["endpoint": "\(configuration.endpoint)", "error": "\(failure)"])
      return configuration.backoff.delay(afterFailures: failuresSoFar + 1)
    }
  }

  /// Starts reconnecting at once when the live connection closes, so that the next command finds
  /// a connection ready instead of paying for the reconnect.
  private func connectionClosed(_ connection: RedisConnection) {
    guard state.withLock({ $0.disconnected(connection) }) else { return }
    logger.warning("connection to Redis lost, reconnecting", metadata: ["endpoint": "\(configuration.endpoint)"])
    startReconnectLoop()
  }
}
