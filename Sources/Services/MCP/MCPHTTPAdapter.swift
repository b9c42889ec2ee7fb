import Foundation
import HTTPTypes
import Hummingbird
import MCP

/// Carries requests and answers between Hummingbird and the MCP SDK's framework-neutral server
/// transports.
enum MCPHTTPAdapter {
  /// The request as the SDK's transports read it; the body was collected by the error
  /// middleware (within the body limit) before any route runs.
  static func request(_ request: Request) async throws -> MCP.HTTPRequest {
    var headers: [String: String] = [:]
    for field in request.headers {
      let name = field.name.canonicalName
      headers[name] = headers[name].map { "\($0), \(field.value)" } ?? field.value
    }
    var collected = request
    let body = try await collected.collectBody(upTo: .max)
    return MCP.HTTPRequest(
      method: request.method.rawValue, headers: headers, body: body.readableBytes > 0 ? Data(buffer: body) : nil,
      path: request.uri.path)
  }

  /// The SDK's answer as a Hummingbird response: a JSON body, an event stream written as the
  /// server produces it, or an empty 200/202.
  static func response(_ answer: MCP.HTTPResponse) -> Response {
    var headers = HTTPFields()
    for (name, value) in answer.headers {
      if let field = HTTPField.Name(name) { headers[field] = value }
    }
    let status = HTTPResponse.Status(code: answer.statusCode)
    switch answer {
    case .stream(let events, _):
      return Response(
        status: status, headers: headers,
        body: ResponseBody { writer in
          for try await chunk in events { try await writer.write(ByteBuffer(bytes: chunk)) }
          try await writer.finish(nil)
        })
    default:
      guard let body = answer.bodyData else { return Response(status: status, headers: headers) }
      return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
  }
}
