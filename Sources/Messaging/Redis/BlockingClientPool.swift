import Synchronization

/// Redis clients for blocking reads, one per read in progress.
///
/// `XREADGROUP … BLOCK` holds its connection until an entry arrives or the block times out, and
/// Redis answers a connection's commands in order, so a blocking read on the shared connection
/// would stall every command behind it. Each blocking read therefore leases a client of its own;
/// a few idle ones are kept for the next reads, so a steady consumer loop does not reconnect.
final class BlockingClientPool: Sendable {
  private struct Clients {
    var idle: [RedisClient] = []
    var leased: [ObjectIdentifier: RedisClient] = [:]
    var isClosed = false
  }

  private let configuration: RedisConfiguration
  private let maximumIdle: Int
  private let clients = Mutex(Clients())

  init(configuration: RedisConfiguration, maximumIdle: Int = 8) {
    self.configuration = configuration
    self.maximumIdle = maximumIdle
  }

  /// An idle client, or a new one (it connects on first use). Throws `closed` after `closeAll`.
  func lease() throws(RedisClientError) -> RedisClient {
    try clients.withLock { clients throws(RedisClientError) in
      guard !clients.isClosed else { throw .closed }
      let client = clients.idle.popLast() ?? RedisClient(configuration: configuration)
      clients.leased[ObjectIdentifier(client)] = client
      return client
    }
  }

  /// Returns a client whose read finished normally, to be reused.
  func giveBack(_ client: RedisClient) async {
    let keep = clients.withLock { clients in
      clients.leased[ObjectIdentifier(client)] = nil
      guard !clients.isClosed, clients.idle.count < maximumIdle else { return false }
      clients.idle.append(client)
      return true
    }
    if !keep { await client.close() }
  }

  /// Closes a client whose read was abandoned (cancelled): its connection may still be blocked
  /// on the server, and closing it is what ends the block there.
  func discard(_ client: RedisClient) async {
    _ = clients.withLock { $0.leased.removeValue(forKey: ObjectIdentifier(client)) }
    await client.close()
  }

  /// Closes every client, ending the reads in progress.
  func closeAll() async {
    let all = clients.withLock { clients in
      clients.isClosed = true
      defer { (clients.idle, clients.leased) = ([], [:]) }
      return clients.idle + Array(clients.leased.values)
    }
    for client in all { await client.close() }
  }
}
