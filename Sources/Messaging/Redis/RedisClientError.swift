/// Why a command got no usable reply, as opposed to `RedisServerError`, where Redis answered with
/// an error. Each case says whether the command may have run, because that decides whether the
/// caller can retry it safely.
public enum RedisClientError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The URL is not `redis://[user:password@]host[:port][/db]`.
  case invalidURL(String, reason: String)
  /// No connection to `endpoint` could be made within `waited` (the client kept retrying in that
  /// time). The command was not sent.
  case notConnected(endpoint: String, waited: Duration, lastError: String)
  /// Connection set-up was refused (`AUTH` with a wrong password, `SELECT` of a database the
  /// server does not have): fix the configuration. The command was not sent.
  case handshakeFailed(step: String, RedisServerError)
  /// The connection closed before the reply arrived: the command may or may not have run.
  case connectionLost(command: String)
  /// No reply within `after`. The connection is closed, because later replies could no longer be
  /// paired with their commands for certain; the command may or may not have run.
  case timedOut(command: String, after: Duration)
  /// The server sent bytes that are not valid RESP or exceed the parser's limits; the connection
  /// was closed. The command may or may not have run.
  case protocolViolation(RESPParseError)
  /// The reply has a shape the typed command does not expect (a newer or incompatible server).
  case unexpectedReply(command: String, reply: String)
  /// The client was closed; no command runs on it any more.
  case closed
  /// The command cannot be sent as given (an empty argument list). Nothing was sent.
  case invalidCommand(String)

  public var description: String {
    switch self {
    case .invalidURL(let url, let reason): "invalid Redis URL `\(url)`: \(reason)"
    case .notConnected(let endpoint, let waited, let lastError):
      "no connection to Redis at \(endpoint) within \(waited): \(lastError)"
    case .handshakeFailed(let step, let error): "Redis refused \(step) while connecting: \(error.message)"
    case .connectionLost(let command): "connection to Redis lost before the reply to \(command) (it may have run)"
    case .timedOut(let command, let after): "no reply from Redis to \(command) within \(after) (it may have run)"
    case .protocolViolation(let error): "Redis sent invalid data: \(error)"
    case .unexpectedReply(let command, let reply): "unexpected reply to \(command): \(reply)"
    case .closed: "the Redis client is closed"
    case .invalidCommand(let reason): "invalid Redis command: \(reason)"
    }
  }
}
