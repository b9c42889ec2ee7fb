import Foundation
import NIOSSL
import PostgresNIO

/// Where and how to reach a PostgreSQL server, read from a libpq-style URL:
///
///     postgres://user[:password]@host[:port][/database][?sslmode=…&sslrootcert=…&connect_timeout=…&application_name=…]
///
/// The scheme may also be `postgresql`; user name, password and database are percent-decoded; the
/// port defaults to 5432 and the database to the user's name (as the server does).
///
/// `sslmode` follows libpq: `disable` is plain TCP; `allow` and `prefer` use TLS when the server
/// offers it; `require` insists on TLS; these three do not verify the certificate, as in libpq.
/// `verify-ca` checks the chain (against `sslrootcert` when given) and `verify-full` the host name
/// too. Without `sslmode`, a loopback host gets plain TCP and any other host `prefer`, libpq's default.
struct PostgresURL: Sendable {
  /// How the connection is protected (`sslmode`).
  enum SSLMode: String, Sendable, CaseIterable {
    case disable, allow, prefer, require
    case verifyCA = "verify-ca"
    case verifyFull = "verify-full"
  }

  /// The query parameters understood; any other is refused rather than silently ignored.
  static let parameters = ["sslmode", "sslrootcert", "connect_timeout", "application_name"]

  var host: String
  var port: Int
  var username: String
  var password: String?
  var database: String?
  var sslMode: SSLMode
  /// A PEM file of the certificate authorities to trust (`sslrootcert`), else the system's.
  var rootCertificatePath: String?
  /// How long connecting and logging in may take (`connect_timeout`, whole seconds), when given.
  var connectTimeout: Duration?
  /// What `pg_stat_activity` shows for our connections.
  var applicationName = "aitrader"
  /// The URL as given with its password replaced by `***`, for messages and logs.
  var redacted: String

  /// `host:port/database`: where the store is, without credentials.
  var endpoint: String { "\(host):\(port)/\(database ?? username)" }

  init(_ text: String) throws(StoreError) {
    let redacted = Self.redacting(text)
    func refuse(_ reason: String) -> StoreError { .invalidDatabaseURL(redacted, reason: reason) }

    guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
      throw refuse("not a URL; expected postgres://user[:password]@host[:port]/database")
    }
    guard scheme == "postgres" || scheme == "postgresql" else {
      throw refuse("the scheme must be postgres:// or postgresql://, not \(scheme)://")
    }
    guard let host = components.host, !host.isEmpty else { throw refuse("the URL names no host") }
    guard let username = components.user, !username.isEmpty else { throw refuse("the URL names no user") }
    let port = components.port ?? 5432
    guard (1...65_535).contains(port) else { throw refuse("the port must be in 1…65535, got \(port)") }
    let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
    guard !path.contains("/") else { throw refuse("the path must be one database name, got /\(path)") }

    self.redacted = redacted
    self.host = host
    self.port = port
    self.username = username
    password = components.password
    database = path.isEmpty ? nil : path
    sslMode = Self.isLoopback(host) ? .disable : .prefer
    for item in components.queryItems ?? [] {
      try apply(item)
    }
  }

  private mutating func apply(_ item: URLQueryItem) throws(StoreError) {
    let value = item.value ?? ""
    func refuse(_ reason: String) -> StoreError { .invalidDatabaseURL(redacted, reason: reason) }
    switch item.name {
    case "sslmode":
      guard let mode = SSLMode(rawValue: value) else {
        throw refuse("sslmode must be one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", ")), got \(value)")
      }
      sslMode = mode
    case "sslrootcert":
      rootCertificatePath = value
    case "connect_timeout":
      guard let seconds = Int(value), seconds > 0 else {
        throw refuse("connect_timeout must be a whole number of seconds above 0, got \(value)")
      }
      connectTimeout = .seconds(seconds)
    case "application_name":
      applicationName = value
    default:
      throw refuse("unknown parameter \(item.name); known: \(Self.parameters.joined(separator: ", "))")
    }
  }

  /// The TLS settings `sslMode` asks for; `nil` for plain TCP.
  var tlsConfiguration: TLSConfiguration? {
    guard sslMode != .disable else { return nil }
    var tls = TLSConfiguration.makeClientConfiguration()
    switch sslMode {
    case .disable, .allow, .prefer, .require: tls.certificateVerification = .none
    case .verifyCA: tls.certificateVerification = .noHostnameVerification
    case .verifyFull: tls.certificateVerification = .fullVerification
    }
    if let rootCertificatePath {
      tls.trustRoots = .file(rootCertificatePath)
    }
    return tls
  }

  /// Whether TLS is only used when the server offers it.
  var tlsIsOptional: Bool { sslMode == .allow || sslMode == .prefer }

  /// The settings of a single connection (`PostgresConnection`), which takes a ready TLS context.
  func connectionConfiguration(connectTimeout fallback: Duration) throws -> PostgresConnection.Configuration {
    var tls = PostgresConnection.Configuration.TLS.disable
    if let tlsConfiguration {
      let context = try NIOSSLContext(configuration: tlsConfiguration)
      tls = tlsIsOptional ? .prefer(context) : .require(context)
    }
    var configuration = PostgresConnection.Configuration(
      host: host, port: port, username: username, password: password, database: database, tls: tls)
    configuration.options.connectTimeout = .nanoseconds(Self.nanoseconds(connectTimeout ?? fallback))
    configuration.options.additionalStartupParameters = [("application_name", applicationName)]
    return configuration
  }

  /// The settings of a connection pool (`PostgresClient`).
  func clientConfiguration(connectTimeout fallback: Duration, maximumConnections: Int) -> PostgresClient.Configuration {
    var tls = PostgresClient.Configuration.TLS.disable
    if let tlsConfiguration {
      tls = tlsIsOptional ? .prefer(tlsConfiguration) : .require(tlsConfiguration)
    }
    var configuration = PostgresClient.Configuration(
      host: host, port: port, username: username, password: password, database: database, tls: tls)
    configuration.options.connectTimeout = connectTimeout ?? fallback
    configuration.options.maximumConnections = maximumConnections
    configuration.options.additionalStartupParameters = [("application_name", applicationName)]
    return configuration
  }

  static func isLoopback(_ host: String) -> Bool {
    host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
  }

  static func nanoseconds(_ duration: Duration) -> Int64 {
    let (seconds, attoseconds) = duration.components
    return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
  }

  /// `text` with whatever stands between the user name's `:` and the `@` replaced by `***`.
  static func redacting(_ text: String) -> String {
    guard let schemeEnd = text.range(of: "://") else { return text }
    let authorityEnd = text[schemeEnd.upperBound...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? text.endIndex
    let authority = text[schemeEnd.upperBound..<authorityEnd]
    guard let at = authority.lastIndex(of: "@"),
      let colon = authority[..<at].firstIndex(of: ":")
    else { return text }
    return String(text[..<authority.index(after: colon)]) + "***" + String(text[at...])
  }
}
