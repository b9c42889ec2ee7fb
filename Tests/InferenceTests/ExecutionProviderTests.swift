import Inference
import Testing

/// The configured provider list (`tensorrt,cuda,cpu`) is read in order, once each.
@Suite struct ExecutionProviderTests {
  @Test func providerListsParseInOrderWithoutRepeats() throws {
    #expect(try ExecutionProvider.list(" TensorRT, cuda ,cpu,cuda") == [.tensorrt, .cuda, .cpu])
    #expect(throws: InferenceError.invalidInput("unknown execution provider 'rocm'; expected tensorrt, cuda or cpu")) {
      try ExecutionProvider.list("rocm,cpu")
    }
    #expect(throws: InferenceError.invalidInput("no execution provider listed")) { try ExecutionProvider.list("") }
  }

  @Test func runtimeNamesAreOnnxRuntimes() {
    #expect(
      ExecutionProvider.allCases.map(\.runtimeName) == [
        "TensorrtExecutionProvider", "CUDAExecutionProvider", "CPUExecutionProvider",
      ])
  }
}
