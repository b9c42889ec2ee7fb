import Hummingbird
import HummingbirdWebSocket

/// The request context of every AITrader API route: Hummingbird's basic context plus what the
/// WebSocket upgrade on `/ws` needs, so one router serves HTTP and WebSocket alike.
public struct APIRequestContext: RequestContext, WebSocketRequestContext {
  public var coreContext: CoreRequestContextStorage
  public let webSocket: WebSocketHandlerReference<APIRequestContext>
  /// Closes the request's connection at once, without any goodbye: the last resort for a
  /// WebSocket client that stopped reading, which no close frame can reach.
  public let closeConnection: @Sendable () -> Void

  public init(source: ApplicationRequestContextSource) {
    coreContext = CoreRequestContextStorage(source: source)
    webSocket = WebSocketHandlerReference()
    let channel = source.channel
    closeConnection = { channel.close(promise: nil) }
  }
}

/// A group of endpoints that adds itself to the API router, e.g. the store-backed
/// `/api/signals` and `/api/orders`.
///
/// Routes registered this way sit behind the API's middleware (JSON errors, body limit, HTTP
/// metrics). Read query parameters with `QueryParameters` and throw `APIError` for 4xx.
public protocol APIRoutes: Sendable {
  /// Adds the group's routes to `router`.
  func register(on router: Router<APIRequestContext>)
}
