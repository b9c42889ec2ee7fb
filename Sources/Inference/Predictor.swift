/// Something that runs a named model on input tensors: the in-process batch scheduler, or the
/// ONNX runner reached over HTTP. The strategy depends on this, never on either.
public protocol Predictor: Sendable {
  /// The outputs of model `model` for `inputs` (tensors by input name, rows on the first axis).
  func predict(model: String, inputs: [String: Tensor]) async throws -> [String: Tensor]
}
