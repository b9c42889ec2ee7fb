/// The connection a `RedisClient` has, or is waiting for, and the commands waiting with it.
///
/// Kept as a value behind the client's lock so that every transition is one atomic step: in
/// particular only the step from no connection to `connecting` starts a reconnect loop, so two
/// loops never race to install two connections.
struct ConnectionState {
  typealias Waiter = CheckedContinuation<RedisConnection, any Error>

  private enum Phase {
    /// No connection and no attempt running (before first use).
    case idle
    /// A reconnect loop is running.
    case connecting
    case connected(RedisConnection)
    case closed
  }

  /// What a command asking for a connection gets.
  enum WaitOutcome {
    case ready(RedisConnection)
    case failed(any Error)
    /// It is parked; when `startReconnecting`, the caller must start the reconnect loop.
    case waiting(startReconnecting: Bool)
  }

  /// Where the command holding a ticket is. A ticket is issued before the command parks, so
  /// that a cancellation arriving in between is remembered and the command does not park at all.
  private enum Ticket {
    case issued
    case cancelled
    /// Waiting for a connection. `failuresBefore` is `failedAttempts` when it parked; `expired`
    /// is set when its wait ran out before any attempt failed for it.
    case parked(Waiter, failuresBefore: Int, expired: Bool)
  }

  private var phase = Phase.idle
  /// Tickets of commands between asking for a connection and getting one (or an error).
  private var tickets: [UInt64: Ticket] = [:]
  private var nextTicket: UInt64 = 0
  /// Connection attempts that failed, ever: tells whether one failed since a command parked.
  private var failedAttempts = 0
  /// Why the last connection attempt failed, for the error of commands that waited in vain.
  private(set) var lastError: String?

  /// The connection, when there is one and it is open.
  var liveConnection: RedisConnection? {
    if case .connected(let connection) = phase, connection.isActive { connection } else { nil }
  }

  mutating func issueTicket() -> UInt64 {
    nextTicket += 1
    tickets[nextTicket] = .issued
    return nextTicket
  }

  mutating func wait(ticket: UInt64, continuation: Waiter) -> WaitOutcome {
    guard case .issued = tickets.removeValue(forKey: ticket) else { return .failed(CancellationError()) }
    switch phase {
    case .closed:
      return .failed(RedisClientError.closed)
    case .connected(let connection) where connection.isActive:
      return .ready(connection)
    case .idle, .connected:
      // A connection that is no longer active but whose close was not handled yet counts as lost.
      phase = .connecting
      tickets[ticket] = .parked(continuation, failuresBefore: failedAttempts, expired: false)
      return .waiting(startReconnecting: true)
    case .connecting:
      tickets[ticket] = .parked(continuation, failuresBefore: failedAttempts, expired: false)
      return .waiting(startReconnecting: false)
    }
  }

  /// Installs a new connection and hands back the waiters to resume with it, oldest first; nil
  /// when the client was closed meanwhile.
  mutating func connected(_ connection: RedisConnection) -> [Waiter]? {
    if case .closed = phase { return nil }
    phase = .connected(connection)
    lastError = nil
    return takeParked()
  }

  /// Records a failed attempt and hands back the waiters whose wait has run out, to fail; nil
  /// when the client was closed and the loop must stop.
  mutating func connectFailed(_ reason: String) -> [Waiter]? {
    if case .closed = phase { return nil }
    lastError = reason
    failedAttempts += 1
    let expired = tickets.compactMap { ticket, state in
      if case .parked(let waiter, _, expired: true) = state { (ticket, waiter) } else { nil }
    }
    for (ticket, _) in expired { tickets[ticket] = nil }
    return expired.sorted { $0.0 < $1.0 }.map(\.1)
  }

  /// Called when the wait of `ticket` runs out: the waiter to fail, if an attempt has failed since
  /// it parked. Otherwise it is marked and fails with the attempt in progress, if that fails too:
  /// every command gets at least one connection attempt, however short its wait.
  mutating func expire(ticket: UInt64) -> Waiter? {
    guard case .parked(let waiter, let failuresBefore, _) = tickets[ticket] else { return nil }
    if failedAttempts > failuresBefore {
      tickets[ticket] = nil
      return waiter
    }
    tickets[ticket] = .parked(waiter, failuresBefore: failuresBefore, expired: true)
    return nil
  }

  /// Notes that `connection` closed; true when it was the current one and a reconnect loop must
  /// start.
  mutating func disconnected(_ connection: RedisConnection) -> Bool {
    guard case .connected(let current) = phase, current === connection else { return false }
    phase = .connecting
    return true
  }

  /// The waiter to resume with `CancellationError`, or nil when it has not parked yet (then it
  /// never will) or was already resumed.
  mutating func cancel(ticket: UInt64) -> Waiter? {
    switch tickets[ticket] {
    case .parked(let waiter, _, _):
      tickets[ticket] = nil
      return waiter
    case .issued:
      tickets[ticket] = .cancelled
      return nil
    case .cancelled, nil:
      return nil
    }
  }

  /// Moves to `closed` and hands back what must be released.
  mutating func close() -> (connection: RedisConnection?, waiters: [Waiter]) {
    let connection: RedisConnection? = if case .connected(let connection) = phase { connection } else { nil }
    phase = .closed
    return (connection, takeParked())
  }

  /// Every parked waiter, oldest first, removed.
  private mutating func takeParked() -> [Waiter] {
    let parked = tickets.compactMap { ticket, state in
      if case .parked(let waiter, _, _) = state { (ticket, waiter) } else { nil }
    }
    for (ticket, _) in parked { tickets[ticket] = nil }
    return parked.sorted { $0.0 < $1.0 }.map(\.1)
  }
}
