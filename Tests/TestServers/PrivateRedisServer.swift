import Foundation
import Messaging

/// A redis-server of a test's own, for the tests that stop and restart a server or require a
/// password. Stopping the shared server of `scripts/test_servers.sh` would break every other test
/// running against it in parallel (and the fault tests of other modules), so these tests leave it
/// alone. Same binary, same append-only persistence as the shared one.
public final class PrivateRedisServer: Sendable {
  public let port: Int
  public let directory: URL
  private let arguments: [String]
  private let process: LockedProcess

  /// Starts a server that requires the password `secret` for the default user and knows the ACL
  /// user `trader` with password `tradepass`; `extraArguments` are more `redis-server` options.
  public init(extraArguments: [String] = []) async throws {
    port = try LoopbackPort.free()
    let base = ProcessInfo.processInfo.environment["AITRADER_TEST_SERVERS_DIR"].map(URL.init(fileURLWithPath:))
    directory = (base ?? FileManager.default.temporaryDirectory)
      .appendingPathComponent("private-redis-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    arguments =
      [
        "--port", String(port), "--bind", "127.0.0.1", "--dir", directory.path, "--appendonly", "yes",
        "--appendfsync", "always", "--save", "", "--requirepass", "secret",
        "--user", "trader", "on", ">tradepass", "~*", "&*", "+@all",
      ] + extraArguments
    process = LockedProcess()
    try await start()
  }

  /// Runs `body` with a fresh server, and stops and removes the server afterwards, also when
  /// `body` throws.
  public static func with(
    extraArguments: [String] = [], _ body: (PrivateRedisServer) async throws -> Void
  ) async throws {
    let server = try await PrivateRedisServer(extraArguments: extraArguments)
    do {
      try await body(server)
    } catch {
      await server.stopAndRemove()
      throw error
    }
    await server.stopAndRemove()
  }

  public var url: String { "redis://:secret@127.0.0.1:\(port)" }

  public func configuration(_ protocolVersion: RedisProtocolVersion = .resp3) throws -> RedisConfiguration {
    var configuration = try RedisConfiguration(url: "redis://trader:tradepass@127.0.0.1:\(port)/1")
    configuration.protocolVersion = protocolVersion
    return configuration
  }

  /// Starts the server and waits until it answers.
  public func start() async throws {
    let server = Process()
    server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    server.arguments = ["redis-server"] + arguments
    server.standardOutput = FileHandle.nullDevice
    try server.run()
    process.set(server)
    var probe = try RedisConfiguration(url: url)
    probe.reconnectWait = .seconds(10)
    let client = RedisClient(configuration: probe)
    defer { Task { await client.close() } }
    _ = try await client.ping()
  }

  /// Stops the server with `SHUTDOWN` (it finishes its append-only file first) and waits until
  /// the process is gone. Not with a signal: a child of the test process may inherit a signal
  /// mask that leaves SIGTERM pending forever. Polls instead of `waitUntilExit`, which would hold
  /// a thread of the cooperative pool.
  public func stop() async {
    guard let server = process.take() else { return }
    if let configuration = try? RedisConfiguration(url: url) {
      var once = configuration
      once.reconnectWait = .seconds(2)
      let client = RedisClient(configuration: once)
      _ = try? await client.send(RedisCommand("SHUTDOWN"))
      await client.close()
    }
    for _ in 0..<200 where server.isRunning { try? await Task.sleep(for: .milliseconds(25)) }
    if server.isRunning { kill(server.processIdentifier, SIGKILL) }
  }

  public func stopAndRemove() async {
    await stop()
    try? FileManager.default.removeItem(at: directory)
  }
}

/// The server process, behind a lock so that the server object can be shared by test tasks.
private final class LockedProcess: @unchecked Sendable {
  // @unchecked: `Process` is not Sendable; every access to `process` goes through `lock`.
  private let lock = NSLock()
  private var process: Process?

  func set(_ process: Process) { lock.withLock { self.process = process } }

  func take() -> Process? {
    lock.withLock {
      defer { process = nil }
      return process
    }
  }
}
