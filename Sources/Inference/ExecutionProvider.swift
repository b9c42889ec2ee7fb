import Foundation

/// Where ONNX Runtime executes a model's graph, in the order a configuration lists them
/// (`tensorrt,cuda,cpu`): each is tried in turn and the CPU always works.
public enum ExecutionProvider: String, Sendable, Hashable, CaseIterable, Codable {
  case tensorrt
  case cuda
  case cpu

  /// The provider's name inside ONNX Runtime (`GetAvailableProviders`).
  public var runtimeName: String {
    switch self {
    case .tensorrt: "TensorrtExecutionProvider"
    case .cuda: "CUDAExecutionProvider"
    case .cpu: "CPUExecutionProvider"
    }
  }

  /// Parses a comma-separated list such as `tensorrt,cuda,cpu` (case-insensitive, spaces allowed).
  public static func list(_ text: String) throws(InferenceError) -> [ExecutionProvider] {
    var providers: [ExecutionProvider] = []
    for part in text.split(separator: ",") {
      let name = part.trimmingCharacters(in: .whitespaces).lowercased()
      guard let provider = ExecutionProvider(rawValue: name) else {
        throw .invalidInput("unknown execution provider '\(name)'; expected tensorrt, cuda or cpu")
      }
      if !providers.contains(provider) { providers.append(provider) }
    }
    guard !providers.isEmpty else { throw .invalidInput("no execution provider listed") }
    return providers
  }
}
