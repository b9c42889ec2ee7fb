import AsyncHTTPClient
import Foundation
import Logging
import MCP
import NIOCore

/// The client side of MCP's Streamable HTTP transport over AsyncHTTPClient, for Linux, where
/// the SDK's own HTTP client cannot read server-sent events.
///
/// Each message is one POST to the endpoint. The answer is read whole — a JSON body, or an
/// event stream whose events each carry one message — before `send` returns, and every message
/// in it is handed to `receive()`. The session id the server gives at `initialize` and the
/// negotiated protocol version go on every later request; `disconnect` ends the session with a
/// DELETE. Nothing is retried here: a POST is sent once, and a failure (no connection, time
/// limit, an HTTP error, an expired session) is thrown for the caller to decide — the broker
/// client looks an order up before sending it again. An optional circuit breaker refuses calls
/// while the server keeps failing.
public actor StreamableHTTPClientTransport: Transport {
  /// Why a message could not be delivered.
  public struct Failure: Error, CustomStringConvertible {
    public let description: String
  }

  public nonisolated let logger: Logger
  public nonisolated let endpoint: String
  private let client: HTTPClient
  private let requestTimeout: Duration
  private let breaker: CircuitBreaker?
  private var sessionID: String?
  private var protocolVersion: String?
  private let incoming: AsyncThrowingStream<Data, any Error>
  private let deliver: AsyncThrowingStream<Data, any Error>.Continuation
  /// Largest answer read, in bytes.
  private let maximumBodyBytes = 16 << 20

  public init(
    endpoint: String, requestTimeout: Duration = .seconds(5), breaker: CircuitBreaker? = nil,
    client: HTTPClient = .shared, logger: Logger = Logger(label: "aitrader.mcp.client")
  ) {
    self.endpoint = endpoint
    self.requestTimeout = requestTimeout
    self.breaker = breaker
    self.client = client
    self.logger = logger
    (incoming, deliver) = AsyncThrowingStream.makeStream()
  }

  /// The session the server gave, once `initialize` was answered.
  public var session: String? { sessionID }

  public func connect() async throws {}

  public func disconnect() async {
    defer { deliver.finish() }
    guard let sessionID else { return }
    self.sessionID = nil
    var request = HTTPClientRequest(url: endpoint)
    request.method = .DELETE
    request.headers.add(name: HTTPHeaderName.sessionID, value: sessionID)
    _ = try? await client.execute(request, timeout: .seconds(1))
  }

  public func receive() -> AsyncThrowingStream<Data, any Error> { incoming }

  public func send(_ data: Data) async throws {
    if let breaker, !breaker.allowsCall() {
      throw Failure(description: "circuit open for \(endpoint): not called until the cool-down ends")
    }
    do {
      try await post(data)
      breaker?.recordSuccess()
    } catch {
      breaker?.recordFailure()
      throw error
    }
  }

  private func post(_ message: Data) async throws {
    var request = HTTPClientRequest(url: endpoint)
    request.method = .POST
    request.headers.add(name: "Content-Type", value: "application/json")
    request.headers.add(name: "Accept", value: "application/json, text/event-stream")
    if let sessionID { request.headers.add(name: HTTPHeaderName.sessionID, value: sessionID) }
    if let protocolVersion { request.headers.add(name: HTTPHeaderName.protocolVersion, value: protocolVersion) }
    request.body = .bytes(ByteBuffer(bytes: message))
    let deadline = NIODeadline.now() + .nanoseconds(Int64(requestTimeout / .nanoseconds(1)))
    let response = try await client.execute(request, deadline: deadline)
    if let session = response.headers.first(name: HTTPHeaderName.sessionID) { sessionID = session }
    let contentType = response.headers.first(name: "Content-Type")?.lowercased() ?? ""
    switch response.status.code {
    case 202:
      return
    case 200 where contentType.hasPrefix("text/event-stream"):
      var reader = ServerSentEventReader(maximumLineBytes: maximumBodyBytes)
      for try await chunk in response.body {
        for event in try reader.read(chunk.readableBytesView) where !event.data.isEmpty {
          accept(Data(event.data.utf8))
        }
      }
    case 200:
      accept(Data(buffer: try await response.body.collect(upTo: maximumBodyBytes)))
    case 404 where sessionID != nil:
      sessionID = nil
      throw Failure(description: "\(endpoint): the session has ended (404); a new one must be opened")
    default:
      let body = try? await response.body.collect(upTo: 4_096)
      let text = body.map { String(buffer: $0) } ?? ""
      throw Failure(description: "\(endpoint) answered \(response.status.code) \(text)")
    }
  }

  /// Hands one message to the client, noting the protocol version `initialize` settled on.
  private func accept(_ message: Data) {
    if protocolVersion == nil,
      let object = try? JSONSerialization.jsonObject(with: message) as? [String: Any],
      let result = object["result"] as? [String: Any], let version = result["protocolVersion"] as? String
    {
      protocolVersion = version
    }
    deliver.yield(message)
  }
}
