import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// A long-running part of a component process as a service: `run` until it returns; on a
/// graceful shutdown `finish` asks it to drain what is waiting and return. A part that fails
/// takes the process down with its error, so that a supervisor restarts it.
struct ComponentRunner: Service {
  let run: @Sendable () async throws -> Void
  let finish: @Sendable () async -> Void

  func run() async throws {
    let finish = finish
    try await withGracefulShutdownHandler {
      try await run()
    } onGracefulShutdown: {
      Task { await finish() }
    }
  }
}

/// `GET /health` of a component process: its component's health as every AITrader service
/// answers it (`ComponentHealth.healthAnswer`), with the process's instance name.
struct ComponentHealthRoute: APIRoutes {
  let instance: String
  let health: @Sendable () async -> ComponentHealth

  func register(on router: Router<APIRequestContext>) {
    router.get("/health") { _, _ in
      await health().healthAnswer(extra: ["instance": .string(instance)])
    }
  }
}

/// The port a server bound, once it is known: the heartbeat sends the URL built from it.
final class BoundPort: Sendable {
  private let port = Mutex<Int?>(nil)

  func set(_ value: Int?) { port.withLock { $0 = value } }
  var value: Int? { port.withLock { $0 } }
}
