import Foundation

/// Which RESP version a connection speaks. RESP3 (`HELLO 3`, Redis 6+) has typed replies — maps,
/// doubles, booleans — and RESP2 is what every server speaks; the typed commands read either.
public enum RedisProtocolVersion: Int, Sendable, Hashable {
  case resp2 = 2
  case resp3 = 3
}

/// Where a `RedisClient` connects and how it behaves when the server is slow or gone.
///
/// Made from a URL in the usual form, `redis://[user:password@]host[:port][/db]`
/// (https://www.iana.org/assignments/uri-schemes/prov/redis), with the tuning left at defaults
/// suited to a trading backend on one network: commands fail after 5 s rather than hang, and a
/// command issued during a reconnect waits up to 10 s, longer than a Redis restart takes.
public struct RedisConfiguration: Sendable, Hashable {
  public var host: String
  public var port: Int
  /// The ACL user for `AUTH user password`; nil authenticates as `default` (`AUTH password`).
  public var username: String?
  /// Nil sends no `AUTH`.
  public var password: String?
  /// The logical database `SELECT`ed on every connection; 0 sends no `SELECT`.
  public var database: Int
  /// The protocol asked for with `HELLO`. A server that refuses `HELLO 3` (before Redis 6) is
  /// spoken to in RESP2 instead.
  public var protocolVersion: RedisProtocolVersion
  /// How long a command waits for its reply, on top of any `BLOCK` time it asks the server for.
  public var commandTimeout: Duration
  /// How long one TCP connection attempt may take.
  public var connectTimeout: Duration
  /// How long a command issued while the client is disconnected waits for the reconnect before
  /// failing with `RedisClientError.notConnected`. However short, a command always waits for the
  /// outcome of one connection attempt, so zero means "fail as soon as an attempt fails".
  public var reconnectWait: Duration
  public var backoff: RedisBackoff
  public var parserLimits: RESPParserLimits

  public init(
    host: String = "127.0.0.1", port: Int = 6379, username: String? = nil, password: String? = nil,
    database: Int = 0, protocolVersion: RedisProtocolVersion = .resp3, commandTimeout: Duration = .seconds(5),
    connectTimeout: Duration = .seconds(3), reconnectWait: Duration = .seconds(10),
    backoff: RedisBackoff = RedisBackoff(),
    parserLimits: RESPParserLimits = .default
  ) {
    self.host = host
    self.port = port
    self.username = username
    self.password = password
    self.database = database
    self.protocolVersion = protocolVersion
    self.commandTimeout = commandTimeout
    self.connectTimeout = connectTimeout
    self.reconnectWait = reconnectWait
    self.backoff = backoff
    self.parserLimits = parserLimits
  }

  /// Parses `redis://[user:password@]host[:port][/db]`; user and password may be percent-encoded.
  /// `redis://:password@host` authenticates as the default user.
  public init(url: String) throws(RedisClientError) {
    self.init()
    func invalid(_ reason: String) -> RedisClientError { .invalidURL(Self.redacted(url), reason: reason) }
    guard url.hasPrefix("redis://") else { throw invalid("the scheme must be redis://") }
    var rest = Substring(url.dropFirst("redis://".count))
    if let query = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<query] }
    if let at = rest.lastIndex(of: "@") {
      let userInfo = rest[..<at]
      rest = rest[rest.index(after: at)...]
      guard let colon = userInfo.firstIndex(of: ":") else { throw invalid("a user needs a password (user:password@)") }
      let user = userInfo[..<colon].removingPercentEncoding ?? String(userInfo[..<colon])
      username = user.isEmpty ? nil : user
      password = String(userInfo[userInfo.index(after: colon)...]).removingPercentEncoding
      guard password?.isEmpty == false else { throw invalid("the password is empty") }
    }
    var authority = rest
    if let slash = rest.firstIndex(of: "/") {
      authority = rest[..<slash]
      let path = rest[rest.index(after: slash)...]
      if !path.isEmpty {
        guard let number = Int(path), number >= 0 else { throw invalid("the database `\(path)` is not a number ≥ 0") }
        database = number
      }
    }
    try parseHostAndPort(authority, invalid: invalid)
  }

  private mutating func parseHostAndPort(
    _ authority: Substring, invalid: (String) -> RedisClientError
  ) throws(RedisClientError) {
    var hostPart = authority
    var portPart: Substring?
    if authority.hasPrefix("[") {
      guard let close = authority.firstIndex(of: "]") else { throw invalid("unclosed [ in an IPv6 host") }
      hostPart = authority[authority.index(after: authority.startIndex)..<close]
      let after = authority[authority.index(after: close)...]
      if after.hasPrefix(":") { portPart = after.dropFirst() } else if !after.isEmpty { throw invalid("junk after ]") }
    } else if let colon = authority.lastIndex(of: ":") {
      hostPart = authority[..<colon]
      portPart = authority[authority.index(after: colon)...]
    }
    guard !hostPart.isEmpty else { throw invalid("the host is empty") }
    host = String(hostPart)
    if let portPart {
      guard let number = Int(portPart), (1...65_535).contains(number) else {
        throw invalid("the port `\(portPart)` is not in 1…65535")
      }
      port = number
    }
  }

  /// `host:port`, for messages.
  public var endpoint: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

  /// The URL with its password replaced, so that an error message never leaks it.
  static func redacted(_ url: String) -> String {
    guard let at = url.lastIndex(of: "@"), let schemeEnd = url.range(of: "://")?.upperBound,
      let colon = url[schemeEnd..<at].firstIndex(of: ":")
    else { return url }
    return String(url[..<url.index(after: colon)]) + "***" + String(url[at...])
  }
}
