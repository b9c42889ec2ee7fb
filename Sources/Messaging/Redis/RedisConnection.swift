import Logging
import NIOCore
import NIOPosix

/// One TCP connection to Redis, set up and ready: authenticated, on the configured database, in
/// the negotiated protocol. It does not reconnect; `RedisClient` replaces it when it closes.
final class RedisConnection: Sendable {
  let channel: any Channel
  let protocolVersion: RedisProtocolVersion
  private let configuration: RedisConfiguration

  private init(channel: any Channel, protocolVersion: RedisProtocolVersion, configuration: RedisConfiguration) {
    self.channel = channel
    self.protocolVersion = protocolVersion
    self.configuration = configuration
  }

  var isActive: Bool { channel.isActive }
  var closeFuture: EventLoopFuture<Void> { channel.closeFuture }

  /// Connects and runs the handshake: `AUTH`, `HELLO 3` and `SELECT`, pipelined in one round trip.
  /// `AUTH` comes first and on its own (not as `HELLO 3 AUTH …`) so that the same handshake works
  /// on a server that has no `HELLO`.
  static func connect(
    configuration: RedisConfiguration, eventLoopGroup: any EventLoopGroup, logger: Logger
  ) async throws -> RedisConnection {
    let limits = configuration.parserLimits
    let channel = try await ClientBootstrap(group: eventLoopGroup)
      .connectTimeout(RedisChannelHandler.timeAmount(configuration.connectTimeout))
      .channelOption(.socketOption(.tcp_nodelay), value: 1)
      .channelOption(.socketOption(.so_keepalive), value: 1)
      .channelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.addHandler(RedisChannelHandler(limits: limits))
        }
      }
      .connect(host: configuration.host, port: configuration.port).get()
    do {
      let negotiated = try await handshake(on: channel, configuration: configuration, logger: logger)
      return RedisConnection(channel: channel, protocolVersion: negotiated, configuration: configuration)
    } catch {
      try? await channel.close()
      throw error
    }
  }

  private static func handshake(
    on channel: any Channel, configuration: RedisConfiguration, logger: Logger
  ) async throws -> RedisProtocolVersion {
    var steps: [(step: String, command: RedisCommand)] = []
    if let password = configuration.password {
      let arguments = configuration.username.map { [$0, password] } ?? [password]
      steps.append(("AUTH", RedisCommand("AUTH", arguments)))
    }
    if configuration.protocolVersion == .resp3 { steps.append(("HELLO", RedisCommand("HELLO", "3"))) }
    if configuration.database != 0 { steps.append(("SELECT", RedisCommand("SELECT", String(configuration.database)))) }
    guard !steps.isEmpty else { return .resp2 }

    let replies = try await send(
      steps.map(\.command), on: channel, timeout: configuration.commandTimeout + configuration.connectTimeout)
    var negotiated = RedisProtocolVersion.resp2
    for (step, reply) in zip(steps.map(\.step), replies) {
      switch (step, reply) {
      case ("HELLO", .error(let error)) where error.code != "NOAUTH" && error.code != "WRONGPASS":
        // A server before Redis 6 does not know HELLO (or answers NOPROTO): it speaks RESP2.
        logger.notice("Redis refused HELLO 3, speaking RESP2", metadata: ["reply": "\(error.message)"])
      case ("HELLO", _) where reply.error == nil:
        negotiated = .resp3
      case (_, .error(let error)):
        throw RedisClientError.handshakeFailed(step: step, error)
      default:
        break
      }
    }
    return negotiated
  }

  /// Sends `commands` in one write and returns their replies in order; error replies are returned
  /// as `.error` values, for the caller to interpret.
  func send(_ commands: [RedisCommand], timeout: Duration) async throws -> [RESPValue] {
    try await Self.send(commands, on: channel, timeout: timeout)
  }

  private static func send(_ commands: [RedisCommand], on channel: any Channel, timeout: Duration) async throws
    -> [RESPValue]
  {
    guard !commands.isEmpty else { return [] }
    var encoded: ByteBuffer
    if commands.count == 1 {
      encoded = commands[0].encoded
    } else {
      encoded = channel.allocator.buffer(capacity: commands.reduce(0) { $0 + $1.encoded.readableBytes })
      for command in commands { encoded.writeImmutableBuffer(command.encoded) }
    }
    let label =
      commands.count == 1
      ? commands[0].name
      : "pipeline of \(commands.count) (" + commands.prefix(3).map(\.name).joined(separator: ", ")
        + (commands.count > 3 ? ", …)" : ")")
    let promise = channel.eventLoop.makePromise(of: [RESPValue].self)
    let request = RedisRequest(
      encoded: encoded, replyCount: commands.count, label: label, timeout: timeout, promise: promise)
    // When the channel is already closed the handler is gone and never sees the request: fail its
    // promise from the write's failure (failing a completed promise is a no-op in NIO).
    channel.writeAndFlush(request).whenFailure { _ in
      promise.fail(RedisClientError.connectionLost(command: label))
    }
    return try await promise.futureResult.get()
  }

  func close() async {
    try? await channel.close()
  }
}
