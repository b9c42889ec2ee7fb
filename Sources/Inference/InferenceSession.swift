import COnnxRuntime

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One model loaded into ONNX Runtime: its declared inputs and outputs, its metadata, the
/// execution provider that took it, and `run`.
///
/// `@unchecked Sendable`: every stored property is set in `init` and never changed; ORT
/// documents `Run` as safe to call from several threads on one session at once.
public final class InferenceSession: @unchecked Sendable {
  public let modelPath: String
  public let inputs: [TensorDescription]
  public let outputs: [TensorDescription]
  public let metadata: ModelMetadata
  /// The provider the session runs on.
  public let provider: ExecutionProvider
  /// The providers tried before it, and why each could not take the model.
  public let providerFailures: [ProviderFailure]
  let runtime: OnnxRuntime
  let handle: OpaquePointer
  let memory: OpaquePointer
  /// The outputs ORT can return as tensors, in order, with their C names.
  let tensorOutputs: [TensorDescription]
  /// C copies of the input and tensor-output names, as `Run` takes them; freed in `deinit`.
  let inputNamePointers: [UnsafePointer<CChar>?]
  let outputNamePointers: [UnsafePointer<CChar>?]

  /// Loads the model at `modelPath`, trying `options.providers` in order.
  public init(modelPath: String, runtime: OnnxRuntime, options: SessionOptions = SessionOptions())
    throws(InferenceError)
  {
    self.modelPath = modelPath
    self.runtime = runtime
    var failures: [ProviderFailure] = []
    var created: (OpaquePointer, ExecutionProvider)?
    var lastError: InferenceError?
    for provider in options.providers {
      do throws(InferenceError) {
        created = (try Self.createSession(modelPath, provider: provider, options: options, runtime: runtime), provider)
        break
      } catch {
        failures.append(ProviderFailure(provider: provider, reason: Self.reason(error)))
        lastError = error
      }
    }
    guard let (handle, provider) = created else {
      throw lastError ?? .invalidInput("no execution provider configured")
    }
    self.handle = handle
    self.provider = provider
    providerFailures = failures
    do throws(InferenceError) {
      var memory: OpaquePointer?
      try runtime.check(aort_create_cpu_memory_info(runtime.api, &memory))
      guard let memory else { throw .runtime(code: 1, message: "CreateCpuMemoryInfo returned nothing") }
      self.memory = memory
    } catch {
      aort_release_session(runtime.api, handle)
      throw error
    }
    do throws(InferenceError) {
      inputs = try Self.describe(handle, runtime: runtime, input: true)
      outputs = try Self.describe(handle, runtime: runtime, input: false)
      metadata = try Self.readMetadata(handle, runtime: runtime)
    } catch {
      aort_release_memory_info(runtime.api, memory)
      aort_release_session(runtime.api, handle)
      throw error
    }
    tensorOutputs = outputs.filter { $0.elementType != nil }
    inputNamePointers = inputs.map { UnsafePointer(strdup($0.name)) }
    outputNamePointers = tensorOutputs.map { UnsafePointer(strdup($0.name)) }
  }

  deinit {
    (inputNamePointers + outputNamePointers).forEach { free(UnsafeMutablePointer(mutating: $0)) }
    aort_release_memory_info(runtime.api, memory)
    aort_release_session(runtime.api, handle)
  }

  /// Runs the model on `inputs` (one tensor per declared input, by name) and returns every
  /// tensor output by name. Blocks the calling thread for the length of the run.
  public func run(_ inputs: [String: Tensor]) throws(InferenceError) -> [String: Tensor] {
    for name in inputs.keys where !self.inputs.contains(where: { $0.name == name }) {
      throw .invalidInput(
        "model has no input '\(name)'; its inputs are \(self.inputs.map(\.name).joined(separator: ", "))")
    }
    var ordered: [Tensor] = []
    ordered.reserveCapacity(self.inputs.count)
    for description in self.inputs {
      guard let tensor = inputs[description.name] else { throw .invalidInput("missing input '\(description.name)'") }
      if let expected = description.elementType, expected != tensor.elementType {
        throw .invalidInput("input '\(description.name)' takes \(expected), got \(tensor.elementType)")
      }
      ordered.append(tensor)
    }
    return try withInputValues(ordered) { values throws(InferenceError) in
      var results = [OpaquePointer?](repeating: nil, count: tensorOutputs.count)
      let status = aort_run(
        runtime.api, handle, inputNamePointers, values.map { Optional($0) }, values.count, outputNamePointers,
        results.count, &results)
      defer { results.forEach { if let value = $0 { aort_release_value(runtime.api, value) } } }
      try runtime.check(status)
      var outputs: [String: Tensor] = [:]
      for (index, output) in tensorOutputs.enumerated() {
        guard let value = results[index] else { continue }
        outputs[output.name] = try readTensor(value)
      }
      return outputs
    }
  }

  // MARK: Values

  /// Copies each tensor into memory ORT reads, wraps it in an `OrtValue`, calls `body`, and
  /// releases everything.
  private func withInputValues<Result>(
    _ tensors: [Tensor], _ body: ([OpaquePointer]) throws(InferenceError) -> Result
  ) throws(InferenceError) -> Result {
    var buffers: [UnsafeMutableRawPointer] = []
    var values: [OpaquePointer] = []
    defer {
      values.forEach { aort_release_value(runtime.api, $0) }
      buffers.forEach { $0.deallocate() }
    }
    for tensor in tensors {
      let byteCount: Int
      let buffer: UnsafeMutableRawPointer
      switch tensor.values {
      case .float32(let floats):
        byteCount = floats.count * MemoryLayout<Float>.stride
        buffer = .allocate(byteCount: max(byteCount, 1), alignment: 16)
        floats.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: byteCount) }
      case .int64(let integers):
        byteCount = integers.count * MemoryLayout<Int64>.stride
        buffer = .allocate(byteCount: max(byteCount, 1), alignment: 16)
        integers.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: byteCount) }
      }
      buffers.append(buffer)
      var value: OpaquePointer?
      let shape = tensor.shape.map(Int64.init)
      try runtime.check(
        aort_create_tensor(
          runtime.api, memory, buffer, byteCount, shape, shape.count, tensor.elementType.code, &value))
      guard let value else { throw .runtime(code: 1, message: "CreateTensorWithDataAsOrtValue returned nothing") }
      values.append(value)
    }
    return try body(values)
  }

  /// Copies an output value into a `Tensor`.
  private func readTensor(_ value: OpaquePointer) throws(InferenceError) -> Tensor {
    var info: OpaquePointer?
    try runtime.check(aort_value_tensor_info(runtime.api, value, &info))
    guard let info else { throw .runtime(code: 1, message: "GetTensorTypeAndShape returned nothing") }
    defer { aort_release_tensor_info(runtime.api, info) }
    var code: Int32 = 0
    try runtime.check(aort_tensor_element_type(runtime.api, info, &code))
    var rank = 0
    try runtime.check(aort_tensor_rank(runtime.api, info, &rank))
    var dimensions = [Int64](repeating: 0, count: rank)
    try runtime.check(aort_tensor_dimensions(runtime.api, info, &dimensions, rank))
    var count = 0
    try runtime.check(aort_tensor_element_count(runtime.api, info, &count))
    var data: UnsafeMutableRawPointer?
    if count > 0 {
      try runtime.check(aort_tensor_data(runtime.api, value, &data))
    }
    let shape = dimensions.map(Int.init)
    switch TensorElementType(code: code) {
    case .float32:
      let floats =
        data.map { Array(UnsafeBufferPointer(start: $0.assumingMemoryBound(to: Float.self), count: count)) } ?? []
      return try Tensor(shape: shape, values: .float32(floats))
    case .int64:
      let integers =
        data.map { Array(UnsafeBufferPointer(start: $0.assumingMemoryBound(to: Int64.self), count: count)) } ?? []
      return try Tensor(shape: shape, values: .int64(integers))
    case .unsupported(let code):
      throw .invalidInput("output element type \(code) is not supported (float32 and int64 are)")
    }
  }

  // MARK: Creation

  private static func createSession(
    _ path: String, provider: ExecutionProvider, options: SessionOptions, runtime: OnnxRuntime
  ) throws(InferenceError) -> OpaquePointer {
    let api = runtime.api
    var sessionOptions: OpaquePointer?
    try runtime.check(aort_create_session_options(api, &sessionOptions))
    guard let sessionOptions else { throw .runtime(code: 1, message: "CreateSessionOptions returned nothing") }
    defer { aort_release_session_options(api, sessionOptions) }
    try runtime.check(aort_set_intra_op_threads(api, sessionOptions, Int32(options.intraOpThreads)))
    try runtime.check(aort_set_inter_op_threads(api, sessionOptions, Int32(options.interOpThreads)))
    try runtime.check(aort_set_graph_optimization_level(api, sessionOptions, 99))
    switch provider {
    case .tensorrt: try runtime.check(aort_append_tensorrt(api, sessionOptions, Int32(options.deviceID)))
    case .cuda: try runtime.check(aort_append_cuda(api, sessionOptions, Int32(options.deviceID)))
    case .cpu: break
    }
    var session: OpaquePointer?
    try runtime.check(aort_create_session(api, runtime.environment, path, sessionOptions, &session))
    guard let session else { throw .runtime(code: 1, message: "CreateSession returned nothing") }
    return session
  }

  private static func describe(
    _ session: OpaquePointer, runtime: OnnxRuntime, input: Bool
  ) throws(InferenceError) -> [TensorDescription] {
    let api = runtime.api
    var count = 0
    try runtime.check(
      input ? aort_session_input_count(api, session, &count) : aort_session_output_count(api, session, &count))
    var descriptions: [TensorDescription] = []
    for index in 0..<count {
      var cName: UnsafeMutablePointer<CChar>?
      try runtime.check(
        input
          ? aort_session_input_name(api, session, index, &cName) : aort_session_output_name(api, session, index, &cName)
      )
      let name = OnnxRuntime.takeString(cName) ?? "output_\(index)"
      var typeInfo: OpaquePointer?
      try runtime.check(
        input
          ? aort_session_input_type_info(api, session, index, &typeInfo)
          : aort_session_output_type_info(api, session, index, &typeInfo))
      guard let typeInfo else { throw .runtime(code: 1, message: "no type information for '\(name)'") }
      defer { aort_release_type_info(api, typeInfo) }
      var tensorInfo: OpaquePointer?
      try runtime.check(aort_type_info_tensor_info(api, typeInfo, &tensorInfo))
      guard let tensorInfo else {
        descriptions.append(TensorDescription(name: name, elementType: nil, dimensions: []))
        continue
      }
      var code: Int32 = 0
      try runtime.check(aort_tensor_element_type(api, tensorInfo, &code))
      var rank = 0
      try runtime.check(aort_tensor_rank(api, tensorInfo, &rank))
      var sizes = [Int64](repeating: 0, count: rank)
      try runtime.check(aort_tensor_dimensions(api, tensorInfo, &sizes, rank))
      var symbols = [UnsafePointer<CChar>?](repeating: nil, count: rank)
      try runtime.check(aort_tensor_symbolic_dimensions(api, tensorInfo, &symbols, rank))
      let dimensions: [TensorDescription.Dimension] = (0..<rank).map { axis in
        guard sizes[axis] < 0 else { return .fixed(Int(sizes[axis])) }
        let symbol = symbols[axis].map { String(cString: $0) }
        return .dynamic(symbol?.isEmpty == false ? symbol : nil)
      }
      descriptions.append(
        TensorDescription(name: name, elementType: TensorElementType(code: code), dimensions: dimensions))
    }
    return descriptions
  }

  private static func readMetadata(_ session: OpaquePointer, runtime: OnnxRuntime) throws(InferenceError)
    -> ModelMetadata
  {
    let api = runtime.api
    var handle: OpaquePointer?
    try runtime.check(aort_session_metadata(api, session, &handle))
    guard let handle else { return ModelMetadata() }
    defer { aort_release_metadata(api, handle) }
    func text(_ read: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> OpaquePointer?) throws(InferenceError)
      -> String
    {
      var value: UnsafeMutablePointer<CChar>?
      try runtime.check(read(&value))
      return OnnxRuntime.takeString(value) ?? ""
    }
    var metadata = ModelMetadata()
    metadata.producerName = try text { aort_metadata_producer_name(api, handle, $0) }
    metadata.graphName = try text { aort_metadata_graph_name(api, handle, $0) }
    metadata.description = try text { aort_metadata_description(api, handle, $0) }
    metadata.domain = try text { aort_metadata_domain(api, handle, $0) }
    try runtime.check(aort_metadata_version(api, handle, &metadata.version))
    var keys: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
    var keyCount: Int64 = 0
    try runtime.check(aort_metadata_custom_keys(api, handle, &keys, &keyCount))
    for key in OnnxRuntime.takeStrings(keys, count: Int(keyCount)) {
      metadata.custom[key] = try text { aort_metadata_lookup(api, handle, key, $0) }
    }
    return metadata
  }

  /// ORT's message without the code name, for a provider that declined.
  private static func reason(_ error: InferenceError) -> String {
    if case .runtime(_, let message) = error { return message }
    return error.description
  }
}
