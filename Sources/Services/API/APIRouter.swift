import Hummingbird
import HummingbirdWebSocket
import Logging

/// The API router: middleware first (HTTP metrics, then JSON errors and the body limit), then
/// `/health`, `/api/status`, `/metrics`, `/ws` and every group in `routes`.
///
/// More routes can be added to the returned router directly or through `routes`; they are
/// covered by the middleware either way, because it is in place before any route is added.
public func buildRouter(
  status: some StatusProviding,
  webSocket: WebSocketEndpoint,
  metrics: AITraderMetrics,
  routes: [any APIRoutes] = [],
  maximumBodyBytes: Int = APIErrorMiddleware<APIRequestContext>.defaultMaximumBodyBytes,
  startedAt: ContinuousClock.Instant = .now
) -> Router<APIRequestContext> {
  let router = Router(context: APIRequestContext.self)
  router.add(middleware: HTTPMetricsMiddleware(metrics: metrics))
  router.add(middleware: APIErrorMiddleware(maximumBodyBytes: maximumBodyBytes))
  SystemRoutes(status: status, metrics: metrics, startedAt: startedAt).register(on: router)
  webSocket.register(on: router)
  for group in routes { group.register(on: router) }
  return router
}

/// The HTTP server for `router`, with WebSocket upgrades on the same port (HTTP/1.1).
///
/// - Parameter onServerRunning: called with the bound port once the server listens (useful
///   with port 0).
public func buildAPIApplication(
  router: Router<APIRequestContext>,
  configuration: ApplicationConfiguration = ApplicationConfiguration(address: .hostname("0.0.0.0", port: 8000)),
  webSocketConfiguration: WebSocketServerConfiguration = WebSocketEndpoint.serverConfiguration,
  onServerRunning: @escaping @Sendable (_ port: Int?) async -> Void = { _ in },
  logger: Logger = Logger(label: "aitrader.api")
) -> Application<RouterResponder<APIRequestContext>> {
  Application(
    router: router,
    server: .http1WebSocketUpgrade(webSocketRouter: router, configuration: .init(ws: webSocketConfiguration)),
    configuration: configuration,
    onServerRunning: { channel in await onServerRunning(channel.localAddress?.port) },
    logger: logger)
}
