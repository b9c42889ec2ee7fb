/// How a session is built: execution providers in order of preference and thread counts.
public struct SessionOptions: Sendable, Hashable {
  /// Tried in order; the first that accepts the model is used.
  public var providers: [ExecutionProvider]
  /// Threads ONNX Runtime uses inside one operator (0 lets ORT choose).
  public var intraOpThreads: Int
  /// Threads ONNX Runtime uses across operators (0 lets ORT choose).
  public var interOpThreads: Int
  /// The GPU to use with CUDA or TensorRT.
  public var deviceID: Int

  public init(
    providers: [ExecutionProvider] = [.cpu], intraOpThreads: Int = 1, interOpThreads: Int = 1, deviceID: Int = 0
  ) {
    self.providers = providers
    self.intraOpThreads = intraOpThreads
    self.interOpThreads = interOpThreads
    self.deviceID = deviceID
  }
}

/// A provider that could not take a model, and ONNX Runtime's reason.
public struct ProviderFailure: Sendable, Hashable, CustomStringConvertible {
  public let provider: ExecutionProvider
  public let reason: String

  public var description: String { "\(provider.rawValue): \(reason)" }
}
