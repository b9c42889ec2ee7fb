import Foundation
import Inference
import NIOCore

/// The ONNX runner reached over HTTP (`POST {baseURL}/predict`): the `Predictor` of a strategy
/// engine that runs apart from the runner (distributed mode).
public struct HTTPPredictor: Predictor {
  /// The runner's address, e.g. `http://127.0.0.1:8001`.
  public let baseURL: String
  public let client: ResilientHTTPClient

  /// The runner refused or failed the request.
  public struct RemoteError: Error, Hashable, CustomStringConvertible {
    public var status: Int
    public var code: String
    public var detail: String
    public var description: String { "ONNX runner answered \(status) \(code): \(detail)" }
  }

  public init(baseURL: String, client: ResilientHTTPClient = ResilientHTTPClient()) {
    self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    self.client = client
  }

  public func predict(model: String, inputs: [String: Tensor]) async throws -> [String: Tensor] {
    let request = JSONValue.object([
      "model": .string(model), "inputs": .object(inputs.mapValues(TensorJSON.json)),
    ])
    let body = ByteBuffer(bytes: try JSONEncoder().encode(request))
    let response = try await client.send(.POST, baseURL + "/predict", json: body)
    let json = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: response.body))
    guard response.status == 200 else {
      guard case .object(let error) = json, case .string(let code)? = error["error"],
        case .string(let detail)? = error["detail"]
      else { throw RemoteError(status: response.status, code: "unknown", detail: "no error body") }
      throw RemoteError(status: response.status, code: code, detail: detail)
    }
    guard case .object(let answer) = json, case .object(let outputs)? = answer["outputs"] else {
      throw RemoteError(status: response.status, code: "bad_response", detail: "no outputs in the answer")
    }
    let types: [String: JSONValue] =
      if case .object(let types)? = answer["types"] { types } else { [:] }
    var tensors: [String: Tensor] = [:]
    for (name, value) in outputs {
      let elementType: TensorElementType = types[name] == .string("int64") ? .int64 : .float32
      tensors[name] = try TensorJSON.tensor(
        value, for: TensorDescription(name: name, elementType: elementType, dimensions: []))
    }
    return tensors
  }
}
