/// Readers suspended in `InProcessEventBus.read` until an entry is published to their stream,
/// their deadline passes, their task is cancelled or the bus closes.
///
/// Each reader is parked on a continuation, so a blocked read costs no CPU; each has a ticket so
/// that whichever wake-up comes first resumes it and the later ones find nothing to do (a
/// continuation must be resumed exactly once).
struct BlockedReaders {
  private struct Reader {
    var stream: StreamName
    var continuation: CheckedContinuation<Void, any Error>
    /// Sleeps until the reader's deadline; cancelled when something else wakes the reader.
    var deadlineTimer: Task<Void, Never>
  }

  private var readersByTicket: [Int: Reader] = [:]
  private var nextTicket = 0

  /// A ticket that no reader holds yet.
  mutating func issueTicket() -> Int {
    nextTicket += 1
    return nextTicket
  }

  mutating func park(
    ticket: Int, stream: StreamName, continuation: CheckedContinuation<Void, any Error>,
    deadlineTimer: Task<Void, Never>
  ) {
    readersByTicket[ticket] = Reader(stream: stream, continuation: continuation, deadlineTimer: deadlineTimer)
  }

  /// Resumes every reader of `stream` so that it reads again.
  mutating func wakeAll(on stream: StreamName) {
    for (ticket, reader) in readersByTicket where reader.stream == stream {
      readersByTicket.removeValue(forKey: ticket)
      reader.deadlineTimer.cancel()
      reader.continuation.resume()
    }
  }

  /// Resumes one reader, normally or with `error`; nothing happens if it was already resumed.
  mutating func wake(ticket: Int, throwing error: (any Error)? = nil) {
    guard let reader = readersByTicket.removeValue(forKey: ticket) else { return }
    reader.deadlineTimer.cancel()
    if let error { reader.continuation.resume(throwing: error) } else { reader.continuation.resume() }
  }

  /// Resumes every reader with `error`.
  mutating func failAll(with error: any Error) {
    for ticket in Array(readersByTicket.keys) { wake(ticket: ticket, throwing: error) }
  }
}
