import Foundation
import Inference
import NIOCore

/// The ONNX runner reached over HTTP (`POST {baseURL}/predict`): the `Predictor` of a strategy
/// engine that runs apart from the runner (distributed mode). Refusals throw `RemoteServiceError`.
public struct HTTPPredictor: Predictor {
  /// The runner's address, e.g. `http://127.0.0.1:8001`.
  public let baseURL: String
  public let client: ResilientHTTPClient

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
    guard response.status == 200 else { throw RemoteServiceError(service: "ONNX runner", response: response) }
    let json = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: response.body))
    guard case .object(let answer) = json, case .object(let outputs)? = answer["outputs"] else {
      throw RemoteServiceError(
        service: "ONNX runner", status: response.status, code: "bad_response", detail: "no outputs in the answer")
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
