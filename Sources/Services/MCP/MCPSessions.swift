import Foundation
import Logging
import MCP

/// The sessions of an MCP server on Streamable HTTP: a new session (its own SDK `Server` on its
/// own `StatefulHTTPServerTransport`) for each `initialize`, requests routed by their
/// `MCP-Session-Id`, a session closed by `DELETE` or after `idleTimeout` without a request.
/// Stateless requests get a server and transport of their own, answered in JSON and discarded.
public actor MCPSessions {
  /// Makes the server of a new session (every server shares the state behind the tools).
  public typealias ServerFactory = @Sendable () async -> Server

  private struct Session {
    let server: Server
    let transport: StatefulHTTPServerTransport
    var lastUsed: ContinuousClock.Instant
  }

  private let makeServer: ServerFactory
  private let idleTimeout: Duration
  private let onlyLocalhost: Bool
  private let logger: Logger
  private var sessions: [String: Session] = [:]
  private var opened = 0

  /// - Parameter onlyLocalhost: refuse requests whose `Host` or `Origin` is not a loopback name
  ///   (DNS-rebinding protection, as the MCP specification asks of local servers); turn it off
  ///   when the server listens on other interfaces.
  public init(
    idleTimeout: Duration = .seconds(600), onlyLocalhost: Bool = true,
    logger: Logger = Logger(label: "aitrader.mcp.sessions"), makeServer: @escaping ServerFactory
  ) {
    self.makeServer = makeServer
    self.idleTimeout = idleTimeout
    self.onlyLocalhost = onlyLocalhost
    self.logger = logger
  }

  /// Sessions open now, and opened since start.
  public var counts: (open: Int, opened: Int) { (sessions.count, opened) }

  /// Answers one request of the session protocol (POST, GET or DELETE on the endpoint).
  public func handle(_ request: MCP.HTTPRequest) async -> MCP.HTTPResponse {
    if let id = request.header(HTTPHeaderName.sessionID) {
      guard var session = sessions[id] else {
        return .error(statusCode: 404, .invalidRequest("Not Found: no session \(id); it ended or expired"))
      }
      session.lastUsed = .now
      sessions[id] = session
      let response = await session.transport.handleRequest(request)
      if request.method.uppercased() == "DELETE", response.statusCode == 200 { await close(id) }
      return response
    }
    guard request.method.uppercased() == "POST", let body = request.body, Self.isInitialize(body) else {
      return .error(
        statusCode: 400,
        .invalidRequest("Bad Request: send initialize first, then every request with its \(HTTPHeaderName.sessionID)"))
    }
    return await open(request)
  }

  /// Answers one request in stateless mode: JSON in, JSON out, no session.
  public func handleStateless(_ request: MCP.HTTPRequest) async -> MCP.HTTPResponse {
    let transport = StatelessHTTPServerTransport(validationPipeline: pipeline(accept: .jsonOnly, sessions: false))
    let server = await makeServer()
    do {
      try await server.start(transport: transport)
    } catch {
      return .error(statusCode: 500, .internalError("cannot start the MCP server: \(error)"))
    }
    let response = await transport.handleRequest(request)
    await server.stop()
    return response
  }

  /// Closes the sessions idle for longer than the timeout.
  public func expireIdle(now: ContinuousClock.Instant = .now) async {
    for (id, session) in sessions where now - session.lastUsed > idleTimeout {
      logger.info("MCP session expired", metadata: ["session": "\(id)"])
      await close(id)
    }
  }

  /// Closes every session.
  public func closeAll() async {
    for id in sessions.keys { await close(id) }
  }

  private func open(_ request: MCP.HTTPRequest) async -> MCP.HTTPResponse {
    let id = UUID().uuidString
    let transport = StatefulHTTPServerTransport(
      sessionIDGenerator: FixedSessionID(id: id), validationPipeline: pipeline(accept: .sseRequired, sessions: true))
    let server = await makeServer()
    do {
      try await server.start(transport: transport)
    } catch {
      await transport.disconnect()
      return .error(statusCode: 500, .internalError("cannot start the MCP server: \(error)"))
    }
    sessions[id] = Session(server: server, transport: transport, lastUsed: .now)
    let response = await transport.handleRequest(request)
    if case .error = response {
      await close(id)
    } else {
      opened += 1
    }
    return response
  }

  private func close(_ id: String) async {
    guard let session = sessions.removeValue(forKey: id) else { return }
    await session.server.stop()
    await session.transport.disconnect()
  }

  private func pipeline(accept: AcceptHeaderValidator.Mode, sessions: Bool) -> any HTTPRequestValidationPipeline {
    var validators: [any HTTPRequestValidator] = [
      AcceptHeaderValidator(mode: accept), ContentTypeValidator(), ProtocolVersionValidator(),
    ]
    if onlyLocalhost { validators.insert(OriginValidator.localhost(), at: 0) }
    if sessions { validators.append(SessionValidator()) }
    return StandardValidationPipeline(validators: validators)
  }

  /// Whether `body` is a JSON-RPC `initialize` request.
  static func isInitialize(_ body: Data) -> Bool {
    guard let message = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return false }
    return message["method"] as? String == "initialize" && message["id"] != nil
  }

  private struct FixedSessionID: SessionIDGenerator {
    let id: String
    func generateSessionID() -> String { id }
  }
}
