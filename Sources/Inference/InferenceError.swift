/// What can go wrong between a caller and an ONNX model.
public enum InferenceError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The ONNX Runtime library could not be opened (absent, wrong architecture, too old).
  case runtimeUnavailable(path: String, reason: String)
  /// ONNX Runtime answered a call with an error status: its code (`OrtErrorCode`) and message.
  case runtime(code: Int, message: String)
  /// No model of that name is loaded.
  case unknownModel(String)
  /// The request does not fit the model (missing or unknown input, ragged array, wrong type).
  case invalidInput(String)
  /// The model's batch queue holds as many rows as it may; the caller should back off.
  case queueFull(model: String, capacity: Int)

  /// ORT's `OrtErrorCode` names, by value (onnxruntime_c_api.h, `enum OrtErrorCode`).
  static let runtimeCodeNames = [
    "OK", "FAIL", "INVALID_ARGUMENT", "NO_SUCHFILE", "NO_MODEL", "ENGINE_ERROR", "RUNTIME_EXCEPTION",
    "INVALID_PROTOBUF", "MODEL_LOADED", "NOT_IMPLEMENTED", "INVALID_GRAPH", "EP_FAIL",
  ]

  public var description: String {
    switch self {
    case .runtimeUnavailable(let path, let reason):
      "ONNX Runtime library not found at \(path): \(reason)"
    case .runtime(let code, let message):
      "ONNX Runtime \(Self.runtimeCodeNames.indices.contains(code) ? Self.runtimeCodeNames[code] : "error \(code)"): \(message)"
    case .unknownModel(let name):
      "no model named '\(name)' is loaded"
    case .invalidInput(let detail):
      detail
    case .queueFull(let model, let capacity):
      "the batch queue of model '\(model)' is full (\(capacity) rows); retry later"
    }
  }

  /// Whether the error lies with the request (a client error) rather than with the runtime.
  public var isCallerError: Bool {
    switch self {
    case .invalidInput, .unknownModel: true
    // INVALID_ARGUMENT: ORT rejected the inputs (shape, rank, type) — the caller's to fix.
    case .runtime(let code, _): code == 2
    case .runtimeUnavailable, .queueFull: false
    }
  }
}
