import Hummingbird

/// Counts and times every HTTP request into `AITraderMetrics`, labelled by method, the matched
/// route path (`/api/signals/{id}`, not the URL that was asked for) and status.
///
/// Requests that match no route are labelled `unmatched` and unusual methods `OTHER`, so random
/// requests cannot grow the number of series. Place it before `APIErrorMiddleware`, which turns
/// errors into responses, so that it sees the status that was sent.
public struct HTTPMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
  /// The path label of requests that matched no route.
  public static var unmatchedPath: String { "unmatched" }

  private static var labelledMethods: Set<HTTPRequest.Method> {
    [.get, .head, .post, .put, .delete, .patch, .options]
  }

  private let metrics: AITraderMetrics

  public init(metrics: AITraderMetrics) {
    self.metrics = metrics
  }

  public func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    let start = ContinuousClock.now
    do {
      let response = try await next(request, context)
      record(request, context: context, status: response.status, since: start)
      return response
    } catch {
      record(
        request, context: context, status: (error as? any HTTPResponseError)?.status ?? .serviceUnavailable,
        since: start)
      throw error
    }
  }

  private func record(
    _ request: Request, context: Context, status: HTTPResponse.Status, since start: ContinuousClock.Instant
  ) {
    let method = Self.labelledMethods.contains(request.method) ? request.method.rawValue : "OTHER"
    let path = context.endpointPath.flatMap { $0 == "NotFound" ? nil : $0 } ?? Self.unmatchedPath
    metrics.recordHTTPRequest(
      method: method, path: path, status: status.code, seconds: (ContinuousClock.now - start) / .seconds(1))
  }
}
