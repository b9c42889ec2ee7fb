import Foundation
import Inference

/// Where the sentiment tests find ONNX Runtime, as the inference tests do.
///
/// `make test` sets `AITRADER_VENDOR_DIR`; without it the vendor folder is `<repo>/.vendor`.
/// On Linux x86_64, where `scripts/setup.sh` installs the library, a missing library fails the
/// tests that need it; elsewhere those tests are skipped.
enum TestRuntime {
  /// The library cannot be opened; the message says how to get it.
  struct Missing: Error, CustomStringConvertible {
    let description: String
  }

  /// `libonnxruntime.so` in the vendor folder.
  static var libraryPath: String {
    let vendor =
      ProcessInfo.processInfo.environment["AITRADER_VENDOR_DIR"].map { URL(fileURLWithPath: $0) }
      ?? TestVocabulary.repositoryRoot.appendingPathComponent(".vendor")
    return vendor.appendingPathComponent("onnxruntime/lib/libonnxruntime.so").path
  }

  /// Whether this platform must have the library (`scripts/setup.sh` installs it here).
  static var isRequired: Bool {
    #if os(Linux) && arch(x86_64)
      true
    #else
      false
    #endif
  }

  /// Whether the tests that need the library and the vocabulary run: always where the library
  /// is required (so that its absence fails them), elsewhere only when both are there.
  static var shouldRun: Bool {
    TestVocabulary.shouldRun && (isRequired || FileManager.default.fileExists(atPath: libraryPath))
  }

  /// The runtime, or an error telling how to install it.
  static func load() throws -> OnnxRuntime {
    guard FileManager.default.fileExists(atPath: libraryPath) else {
      throw Missing(description: "ONNX Runtime library not found at \(libraryPath); run `bash scripts/setup.sh`")
    }
    return try OnnxRuntime.load(libraryPath: libraryPath)
  }
}
