import Hummingbird
import TradingCore

/// The JSON body of every error response: `{"error": "<code>", "detail": "<human text>"}`.
public struct APIErrorBody: Sendable, Hashable, Codable {
  /// A stable, machine-readable code such as `bad_request`.
  public var error: String
  /// What went wrong and, where possible, how to fix the request.
  public var detail: String

  public init(error: String, detail: String) {
    self.error = error
    self.detail = detail
  }
}

/// An error that a route or middleware throws to answer with a JSON error body and a 4xx or 503.
///
/// The API never answers 500: anything unexpected becomes `unavailable` (503), so a client can
/// tell "my request is wrong" (4xx) from "try again later" (503).
public struct APIError: Error, Sendable, Hashable, HTTPResponseError, CustomStringConvertible {
  /// The error codes the API uses, each tied to one HTTP status.
  public enum Code: String, Sendable, Hashable, CaseIterable {
    case badRequest = "bad_request"
    case notFound = "not_found"
    case methodNotAllowed = "method_not_allowed"
    case payloadTooLarge = "payload_too_large"
    case tooManyRequests = "too_many_requests"
    case unavailable

    /// The HTTP status this code is sent with.
    public var status: HTTPResponse.Status {
      switch self {
      case .badRequest: .badRequest
      case .notFound: .notFound
      case .methodNotAllowed: .methodNotAllowed
      case .payloadTooLarge: .contentTooLarge
      case .tooManyRequests: .tooManyRequests
      case .unavailable: .serviceUnavailable
      }
    }

    /// The code for an HTTP status: the matching 4xx, `bad_request` for other 4xx, and
    /// `unavailable` for everything else (a 500 is never sent).
    public init(status: HTTPResponse.Status) {
      switch status.code {
      case 404: self = .notFound
      case 405: self = .methodNotAllowed
      case 413: self = .payloadTooLarge
      case 429: self = .tooManyRequests
      case 400..<500: self = .badRequest
      default: self = .unavailable
      }
    }
  }

  public var code: Code
  public var detail: String

  public init(_ code: Code, _ detail: String) {
    self.code = code
    self.detail = detail
  }

  /// A 400 `bad_request` with `detail`.
  public static func badRequest(_ detail: String) -> APIError { APIError(.badRequest, detail) }
  /// A 404 `not_found` with `detail`.
  public static func notFound(_ detail: String) -> APIError { APIError(.notFound, detail) }
  /// A 503 `unavailable` with `detail`.
  public static func unavailable(_ detail: String) -> APIError { APIError(.unavailable, detail) }

  public var status: HTTPResponse.Status { code.status }

  public var body: APIErrorBody { APIErrorBody(error: code.rawValue, detail: detail) }

  public var description: String { "\(code.rawValue): \(detail)" }

  public func response(from request: Request, context: some RequestContext) throws -> Response {
    jsonResponse()
  }

  /// The response for this error, built without a request context (for middleware).
  public func jsonResponse() -> Response {
    let json = #"{"error":"# + JSONText.quoted(code.rawValue) + #","detail":"# + JSONText.quoted(detail) + "}"
    return Response(
      status: status,
      headers: [.contentType: "application/json; charset=utf-8"],
      body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
  }
}
