import Hummingbird
import Logging
import ServiceLifecycle

/// The router of a component's own server (the ONNX runner, FinBERT, the sentiment engine):
/// HTTP metrics, JSON errors and the body limit, the component's `routes`, and `/metrics`.
public func buildComponentRouter(
  routes: any APIRoutes, metrics: AITraderMetrics,
  maximumBodyBytes: Int = APIErrorMiddleware<APIRequestContext>.defaultMaximumBodyBytes
) -> Router<APIRequestContext> {
  let router = Router(context: APIRequestContext.self)
  router.add(middleware: HTTPMetricsMiddleware(metrics: metrics))
  router.add(middleware: APIErrorMiddleware(maximumBodyBytes: maximumBodyBytes))
  routes.register(on: router)
  router.get("/metrics") { _, _ in
    Response(
      status: .ok, headers: [.contentType: SystemRoutes.metricsContentType],
      body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.exposition())))
  }
  return router
}

/// A component's HTTP server on `host`:`port`; `onServerRunning` gets the bound port.
public func buildComponentApplication(
  router: Router<APIRequestContext>, host: String, port: Int,
  onServerRunning: @escaping @Sendable (_ port: Int?) async -> Void = { _ in },
  logger: Logger = Logger(label: "aitrader.component")
) -> Application<RouterResponder<APIRequestContext>> {
  Application(
    router: router, configuration: ApplicationConfiguration(address: .hostname(host, port: port)),
    onServerRunning: { channel in await onServerRunning(channel.localAddress?.port) }, logger: logger)
}

extension AITraderConfiguration {
  /// A component's HTTP server for `routes` on `port` (the configured host, body limit and
  /// logger), as a service of a service group.
  func componentServer(
    routes: any APIRoutes, port: Int, metrics: AITraderMetrics,
    onServerRunning: @escaping @Sendable (_ port: Int?) async -> Void, logger: Logger
  ) -> ServiceGroupConfiguration.ServiceConfiguration {
    let router = buildComponentRouter(routes: routes, metrics: metrics, maximumBodyBytes: maxRequestBodyBytes)
    return .init(
      service: buildComponentApplication(
        router: router, host: host, port: port, onServerRunning: onServerRunning, logger: logger))
  }
}
