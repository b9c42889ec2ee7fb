import Logging
import Messaging
import Persistence

/// The event bus and the store of a process: Redis Streams when `redisURL` is set, else the
/// in-process bus; PostgreSQL when `databaseURL` is set, else SQLite under the data directory.
/// Both are reached and checked at start, so that a wrong address stops the start with the
/// reason instead of failing later.
struct Backends: Sendable {
  let bus: any EventBus
  /// `redis` or `in-process`, for `/api/status`.
  let busName: String
  let store: SQLTradingStore
  /// `postgresql` or `sqlite`, for `/api/status`.
  let storeName: String
  private let closeStore: @Sendable () async throws -> Void

  /// Opens the configured bus and store.
  static func open(_ configuration: AITraderConfiguration, logger: Logger) async throws -> Backends {
    let storeName: String
    let store: SQLTradingStore
    let closeStore: @Sendable () async throws -> Void
    if let url = configuration.databaseURL {
      let postgres = try await PostgresStore.open(url: url, logger: logger)
      (storeName, store, closeStore) = ("postgresql", postgres.store, { await postgres.shutdown() })
    } else {
      let sqlite = try await SQLiteStore.open(.dataDirectory(configuration.dataDirectory), logger: logger)
      (storeName, store, closeStore) = ("sqlite", sqlite.store, { try await sqlite.shutdown() })
    }
    guard let url = configuration.redisURL else {
      return Backends(
        bus: InProcessEventBus(), busName: "in-process", store: store, storeName: storeName, closeStore: closeStore)
    }
    do {
      let redis = try RedisStreamsEventBus(url: url)
      try await redis.connect()
      return Backends(bus: redis, busName: "redis", store: store, storeName: storeName, closeStore: closeStore)
    } catch {
      try? await closeStore()
      throw error
    }
  }

  /// Closes the bus's connections and the store.
  func close() async throws {
    await bus.close()
    try await closeStore()
  }
}
