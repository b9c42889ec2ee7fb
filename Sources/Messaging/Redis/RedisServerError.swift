/// An error reply from the server (`-ERR unknown command`, `-NOGROUP No such key …`): the command
/// reached Redis and Redis refused it. The connection is fine and later commands go on.
///
/// `code` is the first word, which Redis keeps stable for errors a client must tell apart
/// (`NOGROUP`, `BUSYGROUP`, `WRONGPASS`, `NOPROTO`, `LOADING`); `message` is the whole text.
public struct RedisServerError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The error's prefix, such as `ERR` or `NOGROUP`.
  public var code: String
  /// The full error text as the server sent it, code included.
  public var message: String

  public init(message: String) {
    self.message = message
    self.code = String(message.prefix { $0 != " " })
  }

  public var description: String { "Redis error: \(message)" }
}
