import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A PostgreSQL server of one test's own, in a temporary folder on a free loopback port, that the
/// test may stop and start without disturbing the shared test server the other tests are using.
///
/// It is started and stopped by `scripts/test_servers.sh postgres start|stop` given a state folder
/// of its own (`AITRADER_TEST_SERVERS_DIR`), so it runs exactly as the shared one does; only the
/// cluster's creation (`initdb`) is done here, with the script's flags.
public struct PrivatePostgresServer: Sendable {
  /// The state folder: `pg.port`, and `pg/` with the cluster.
  public let directory: URL
  public let port: Int

  /// The server's own `postgres` database, as its superuser `aitrader`.
  public var url: String { "postgres://aitrader@127.0.0.1:\(port)/postgres" }

  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// Creates and starts a new cluster; the PostgreSQL binaries must be installed (`make test` does).
  public static func start() async throws -> PrivatePostgresServer {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("aitrader-pg-\(UUID())")
    let data = directory.appendingPathComponent("pg")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
    let port = try LoopbackPort.free()
    try "\(port)\n".write(to: directory.appendingPathComponent("pg.port"), atomically: true, encoding: .utf8)
    let server = PrivatePostgresServer(directory: directory, port: port)
    do {
      let initdb = "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)"
      let flags = "-D '\(data.path)/data' -U aitrader --auth=trust -E UTF8 --locale=C.UTF-8 -N"
      // PostgreSQL refuses to run as root: then the cluster belongs to `postgres`, as in the script.
      try await shell(
        "if [ \"$(id -u)\" -eq 0 ]; then chown postgres '\(data.path)'; runuser -u postgres -- \(initdb) \(flags); "
          + "else \(initdb) \(flags); fi")
      try await server.startServer()
    } catch {
      await server.remove()
      throw error
    }
    return server
  }

  /// Stops the server (fast shutdown: open connections are closed).
  public func stopServer() async throws { try await script("stop") }

  /// Starts the stopped server again, on the same port with the same data. A port that another
  /// socket holds for a moment (the local port of an outgoing connection, picked by the kernel
  /// from the range free ports come from) is tried again after a second, twice; any other
  /// failure is thrown with the end of the server's log.
  public func startServer() async throws {
    for attempt in 1...3 {
      do {
        try await script("start")
        return
      } catch let failure as ShellFailure {
        let log = (try? String(contentsOf: directory.appendingPathComponent("pg/log"), encoding: .utf8)) ?? ""
        if attempt < 3, log.contains("Address already in use") {
          try await Task.sleep(for: .seconds(1))
          continue
        }
        throw ShellFailure(
          command: failure.command, status: failure.status,
          output: failure.output + "\n--- server log (end) ---\n" + String(log.suffix(2_000)))
      }
    }
  }

  /// Stops the server and deletes its folder.
  public func remove() async {
    try? await stopServer()
    try? FileManager.default.removeItem(at: directory)
  }

  private func script(_ action: String) async throws {
    try await Self.shell(
      "AITRADER_TEST_SERVERS_DIR='\(directory.path)' bash scripts/test_servers.sh postgres \(action)")
  }

  /// Runs `command` with bash in the package root, its output to a file; returns that output.
  ///
  /// Not with Foundation's `Process`: on Linux it learns that a child exited from a socket the
  /// child inherits, and the server that `pg_ctl start` leaves running inherits it too, so the
  /// exit of the script would never be noticed. Here the script is `posix_spawn`ed and awaited with
  /// `waitpid` on a thread of its own, and it closes every inherited descriptor above stderr first,
  /// so that the server keeps none of this process's sockets or pipes open.
  @discardableResult
  private static func shell(_ command: String) async throws -> String {
    let log = FileManager.default.temporaryDirectory.appendingPathComponent("aitrader-shell-\(UUID()).log").path
    defer { try? FileManager.default.removeItem(atPath: log) }
    let script = """
      for fd in /proc/self/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-" 2>/dev/null; done
      cd '\(packageRoot.path)' && { \(command); } > '\(log)' 2>&1 < /dev/null
      """
    let words = ["/bin/bash", "-c", script]
    let arguments: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
    defer { arguments.forEach { free($0) } }
    var pid = pid_t()
    let spawned = posix_spawn(&pid, "/bin/bash", nil, nil, arguments, environ)
    guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
    let child = pid
    let status = await withCheckedContinuation { continuation in
      Thread.detachNewThread {
        var status: Int32 = 0
        while waitpid(child, &status, 0) == -1 && errno == EINTR {}
        continuation.resume(returning: status)
      }
    }
    let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
    let exitCode = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + status & 0x7f
    guard exitCode == 0 else { throw ShellFailure(command: command, status: exitCode, output: output) }
    return output
  }
}

/// A command of `PrivatePostgresServer` that exited with an error.
public struct ShellFailure: Error, CustomStringConvertible {
  let command: String
  let status: Int32
  let output: String

  public var description: String { "`\(command)` exited with \(status): \(output)" }
}
