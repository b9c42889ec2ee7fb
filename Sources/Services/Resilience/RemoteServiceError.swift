import Foundation
import NIOCore

/// Another AITrader service answered a request with an error, or with a body that is not the
/// documented shape. Its JSON error body (`{"error", "detail"}`) is kept when there is one.
public struct RemoteServiceError: Error, Hashable, CustomStringConvertible {
  /// The service, as it is named in messages (`ONNX runner`, `FinBERT`, `sentiment engine`).
  public var service: String
  public var status: Int
  /// The service's error code (`bad_request`, …), `bad_response`, or `unknown` without a body.
  public var code: String
  public var detail: String

  public init(service: String, status: Int, code: String, detail: String) {
    self.service = service
    self.status = status
    self.code = code
    self.detail = detail
  }

  /// The error a non-200 `response` of `service` stands for, read from its JSON error body.
  public init(service: String, response: ResilientHTTPClient.Response) {
    let body = try? JSONDecoder().decode(APIErrorBody.self, from: Data(buffer: response.body))
    self.init(
      service: service, status: response.status, code: body?.error ?? "unknown", detail: body?.detail ?? "no error body"
    )
  }

  public var description: String { "\(service) answered \(status) \(code): \(detail)" }
}
