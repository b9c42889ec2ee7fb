import Foundation
import Inference
import Testing
import TradingCore

/// The direction model loaded through the dlopen shim answers exactly as Python's onnxruntime
/// did, and every way a load or a run can go wrong comes back as a typed `InferenceError`.
@Suite(.enabled(if: TestRuntime.shouldRun, "ONNX Runtime is installed on Linux x86_64 only"))
struct InferenceSessionTests {
  @Test func runtimeIsTheVersionThatMadeTheFixtures() throws {
    let runtime = try TestRuntime.load()
    #expect(runtime.version == (try DirectionFixtures.predictions().onnxruntime))
    #expect(runtime.availableProviders.contains("CPUExecutionProvider"))
    #expect(try TestRuntime.load() === runtime, "one runtime per library path")
  }

  @Test func describesInputsOutputsAndMetadata() throws {
    let session = try TestRuntime.directionSession()
    #expect(session.provider == .cpu)
    #expect(session.providerFailures.isEmpty)
    #expect(
      session.inputs == [
        TensorDescription(name: "features", elementType: .float32, dimensions: [.dynamic(nil), .fixed(6)])
      ])
    #expect(session.inputs[0].hasDynamicBatch)
    #expect(session.outputs.map(\.name) == ["label", "probabilities"])
    #expect(session.outputs.map(\.elementType) == [.int64, .float32])
    #expect(session.outputs[0].dimensions.count == 1)
    #expect(session.outputs[1].dimensions.count == 2 && session.outputs[1].dimensions.last == .fixed(2))
    for output in session.outputs {
      guard case .dynamic = output.dimensions.first else {
        Issue.record("output \(output.name) should have a dynamic batch: \(output.dimensions)")
        continue
      }
    }
    #expect(session.metadata.graphName == "direction")
    #expect(session.metadata.producerName == "skl2onnx")
    #expect(session.metadata.version == 1)
    #expect(session.metadata.custom["features"] == "r1,r5,r20,vol20,ema10_gap,ema10_30_gap")
    #expect(session.metadata.custom["features"] == DirectionFeatures.names.joined(separator: ","))
    #expect(session.metadata.description.hasPrefix("Next-bar direction classifier"))
  }

  @Test func oneBatchOfAllFixtureRowsMatchesPython() throws {
    let session = try TestRuntime.directionSession()
    let fixture = try DirectionFixtures.predictions()
    try #require(fixture.inputs.count == 304)
    let outputs = try session.run(["features": fixture.tensor(fixture.inputs.indices)])
    #expect(Set(outputs.keys) == ["label", "probabilities"])
    #expect(outputs["label"]?.shape == [304])
    #expect(outputs["label"]?.integers == fixture.labels)
    #expect(isClose(outputs["probabilities"], fixture.probabilities))
  }

  @Test(arguments: [0, 1, 150, 299, 300, 301, 302, 303])
  func singleRowsMatchPython(row: Int) throws {
    let session = try TestRuntime.directionSession()
    let fixture = try DirectionFixtures.predictions()
    let outputs = try session.run(["features": fixture.tensor([row])])
    #expect(outputs["label"]?.integers == [fixture.labels[row]])
    #expect(isClose(outputs["probabilities"], [fixture.probabilities[row]]))
  }

  /// A batch of no rows reaches ORT (an empty buffer is still a valid pointer), and this
  /// model's `ArrayFeatureExtractor` refuses it: a caller error, not a crash.
  @Test func anEmptyBatchIsRefusedByTheModelNotACrash() throws {
    let session = try TestRuntime.directionSession()
    let empty = try Tensor(shape: [0, 6], values: .float32([]))
    let error = try #require(throws: InferenceError.self) { try session.run(["features": empty]) }
    guard case .runtime(let code, let message) = error else {
      Issue.record("expected ORT's error, got \(error)")
      return
    }
    #expect(code == 2)
    #expect(message.contains("ArrayFeatureExtractor"), "\(message)")
    #expect(error.isCallerError)
  }

  @Test func wrongWidthIsOnnxRuntimesInvalidArgument() throws {
    let session = try TestRuntime.directionSession()
    let narrow = try Tensor(rows: [[0.1, 0.2, 0.3, 0.4, 0.5]])
    let error = try #require(throws: InferenceError.self) { try session.run(["features": narrow]) }
    guard case .runtime(let code, let message) = error else {
      Issue.record("expected ORT's error, got \(error)")
      return
    }
    #expect(code == 2)
    #expect(message.contains("invalid dimensions"), "\(message)")
    #expect(message.contains("Got: 5") && message.contains("Expected: 6"), "\(message)")
    #expect(error.isCallerError)
    #expect(error.description.hasPrefix("ONNX Runtime INVALID_ARGUMENT: "))
  }

  @Test func inputsThatDoNotFitAreRefusedBeforeTheRun() throws {
    let session = try TestRuntime.directionSession()
    let row = try Tensor(rows: [[0, 0, 0, 0, 0, 0]])
    let unknown = try #require(throws: InferenceError.self) { try session.run(["features": row, "extra": row]) }
    #expect(unknown == .invalidInput("model has no input 'extra'; its inputs are features"))
    let missing = try #require(throws: InferenceError.self) { try session.run([:]) }
    #expect(missing == .invalidInput("missing input 'features'"))
    let integers = try Tensor(shape: [1, 6], values: .int64([0, 0, 0, 0, 0, 0]))
    let wrongType = try #require(throws: InferenceError.self) { try session.run(["features": integers]) }
    #expect(wrongType == .invalidInput("input 'features' takes float32, got int64"))
    for error in [unknown, missing, wrongType] { #expect(error.isCallerError) }
  }

  @Test func unavailableProvidersFallBackToTheCPU() throws {
    let session = try InferenceSession(
      modelPath: TestRuntime.modelPath, runtime: TestRuntime.load(),
      options: SessionOptions(providers: [.tensorrt, .cuda, .cpu]))
    #expect(session.provider == .cpu)
    #expect(session.providerFailures.map(\.provider) == [.tensorrt, .cuda])
    for failure in session.providerFailures {
      #expect(failure.reason.contains("not enabled"), "\(failure)")
    }
    let fixture = try DirectionFixtures.predictions()
    let outputs = try session.run(["features": fixture.tensor([0])])
    #expect(isClose(outputs["probabilities"], [fixture.probabilities[0]]))
  }

  @Test func aGPUProviderAloneFailsWithoutFallback() throws {
    let runtime = try TestRuntime.load()
    let error = try #require(throws: InferenceError.self) {
      try InferenceSession(
        modelPath: TestRuntime.modelPath, runtime: runtime, options: SessionOptions(providers: [.cuda]))
    }
    guard case .runtime(_, let message) = error else {
      Issue.record("expected ORT's error, got \(error)")
      return
    }
    #expect(message.contains("not enabled"), "\(message)")
  }

  @Test func aCorruptFileIsAnInvalidProtobuf() throws {
    let runtime = try TestRuntime.load()
    let directory = try TestRuntime.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("corrupt.onnx").path
    try TestRuntime.garbage().write(to: URL(fileURLWithPath: path))
    let error = try #require(throws: InferenceError.self) { try InferenceSession(modelPath: path, runtime: runtime) }
    guard case .runtime(let code, let message) = error else {
      Issue.record("expected ORT's error, got \(error)")
      return
    }
    #expect(code == 7 || message.contains("Protobuf parsing failed"), "code \(code): \(message)")
    #expect(!error.isCallerError)
  }

  @Test func aMissingModelFileIsReported() throws {
    let runtime = try TestRuntime.load()
    let error = try #require(throws: InferenceError.self) {
      try InferenceSession(modelPath: "/nonexistent/model.onnx", runtime: runtime)
    }
    guard case .runtime(_, let message) = error else {
      Issue.record("expected ORT's error, got \(error)")
      return
    }
    #expect(message.contains("/nonexistent/model.onnx"), "\(message)")
  }
}

/// Opening a library that is not there needs no library.
@Suite struct OnnxRuntimeLoadTests {
  @Test func aMissingLibraryIsRuntimeUnavailable() throws {
    let error = try #require(throws: InferenceError.self) {
      try OnnxRuntime.load(libraryPath: "/nonexistent/libonnxruntime.so")
    }
    guard case .runtimeUnavailable(let path, let reason) = error else {
      Issue.record("expected runtimeUnavailable, got \(error)")
      return
    }
    #expect(path == "/nonexistent/libonnxruntime.so")
    #expect(!reason.isEmpty)
    #expect(error.description.hasPrefix("ONNX Runtime library not found at /nonexistent/libonnxruntime.so"))
    #expect(!error.isCallerError)
  }
}
