import Hummingbird
import Logging

/// Turns every failure into a JSON error body with the right status, so that no request can
/// produce a 500 or an empty error page.
///
/// - `APIError` and Hummingbird's `HTTPError` keep their status (an unknown route is `not_found`).
/// - A request body larger than `maximumBodyBytes` is refused with 413 `payload_too_large`, by
///   `Content-Length` before anything is read, and while reading for chunked bodies.
/// - Any other error, or a 5xx that a handler returned, becomes 503 `unavailable` and is logged.
/// - A 4xx that a handler returned without a body gets the JSON body for its status.
///
/// Add it to the router before any route: Hummingbird builds each route's middleware chain
/// when the route is added.
public struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
  /// The default request body limit: 1 MiB.
  public static var defaultMaximumBodyBytes: Int { 1 << 20 }

  /// Largest request body accepted, in bytes.
  public let maximumBodyBytes: Int

  public init(maximumBodyBytes: Int = Self.defaultMaximumBodyBytes) {
    precondition(maximumBodyBytes >= 0, "the body limit must not be negative")
    self.maximumBodyBytes = maximumBodyBytes
  }

  public func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    if let declaredLength = request.headers[.contentLength].flatMap(Int.init), declaredLength > maximumBodyBytes {
      return bodyTooLarge().jsonResponse()
    }
    do {
      var request = request
      _ = try await request.collectBody(upTo: maximumBodyBytes)
      return normalized(try await next(request, context), context: context)
    } catch let error as APIError {
      return error.jsonResponse()
    } catch let error as any HTTPResponseError {
      return translated(error, context: context).jsonResponse()
    } catch {
      context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
      return APIError.unavailable("the server could not complete the request; try again later").jsonResponse()
    }
  }

  private func bodyTooLarge() -> APIError {
    APIError(.payloadTooLarge, "request body exceeds the limit of \(maximumBodyBytes) bytes")
  }

  private func translated(_ error: any HTTPResponseError, context: Context) -> APIError {
    let code = APIError.Code(status: error.status)
    switch code {
    case .notFound: return .notFound("no route for this method and path")
    case .payloadTooLarge: return bodyTooLarge()
    case .unavailable:
      context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
      return .unavailable("the server could not complete the request; try again later")
    default:
      return APIError(code, (error as? HTTPError)?.body ?? error.status.reasonPhrase)
    }
  }

  /// Replaces a returned 5xx (other than a 503 with a body) by 503 `unavailable`, and gives a
  /// bodiless 4xx its JSON error body.
  private func normalized(_ response: Response, context: Context) -> Response {
    let status = response.status
    let hasBody = response.headers[.contentType] != nil
    if status.kind == .serverError, !(status == .serviceUnavailable && hasBody) {
      context.logger.error("handler answered \(status.code)", metadata: ["status": "\(status.code)"])
      return APIError.unavailable("the server could not complete the request; try again later").jsonResponse()
    }
    if status.kind == .clientError, !hasBody {
      return APIError(APIError.Code(status: status), status.reasonPhrase).jsonResponse()
    }
    return response
  }
}
