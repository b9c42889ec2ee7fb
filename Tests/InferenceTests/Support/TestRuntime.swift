import Foundation
import Inference

/// Where the tests find ONNX Runtime and the direction model.
///
/// `make test` sets `AITRADER_VENDOR_DIR`; without it the vendor folder is `<repo>/.vendor`,
/// found from this file's path. On Linux x86_64, where `scripts/setup.sh` installs the library,
/// a missing library fails the tests that need it; elsewhere those tests are skipped.
enum TestRuntime {
  /// The library cannot be opened; the message says how to get it.
  struct Missing: Error, CustomStringConvertible {
    let description: String
  }

  /// The repository's root folder.
  static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// `libonnxruntime.so` in the vendor folder.
  static var libraryPath: String {
    let vendor =
      ProcessInfo.processInfo.environment["AITRADER_VENDOR_DIR"].map { URL(fileURLWithPath: $0) }
      ?? repositoryRoot.appendingPathComponent(".vendor")
    return vendor.appendingPathComponent("onnxruntime/lib/libonnxruntime.so").path
  }

  /// `models/direction.onnx`.
  static var modelPath: String { repositoryRoot.appendingPathComponent("models/direction.onnx").path }

  /// Whether this platform must have the library (`scripts/setup.sh` installs it here).
  static var isRequired: Bool {
    #if os(Linux) && arch(x86_64)
      true
    #else
      false
    #endif
  }

  /// Whether the tests that need the library run: always where it is required (so that its
  /// absence fails them), elsewhere only when it is there.
  static var shouldRun: Bool { isRequired || FileManager.default.fileExists(atPath: libraryPath) }

  /// The runtime, or an error telling how to install it.
  static func load() throws -> OnnxRuntime {
    guard FileManager.default.fileExists(atPath: libraryPath) else {
      throw Missing(description: "ONNX Runtime library not found at \(libraryPath); run `bash scripts/setup.sh`")
    }
    return try OnnxRuntime.load(libraryPath: libraryPath)
  }

  /// The direction model, loaded on the CPU.
  static func directionSession() throws -> InferenceSession {
    try InferenceSession(modelPath: modelPath, runtime: load())
  }

  /// A fresh folder under the temporary directory.
  static func temporaryDirectory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aitrader-inference-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
  }

  /// `count` bytes that are not an ONNX model: a fixed pseudo-random sequence (SplitMix64,
  /// seeded), so that every run sees the same file.
  static func garbage(count: Int = 4_096, seed: UInt64 = 0x5EED) -> Data {
    var state = seed
    var bytes = [UInt8]()
    bytes.reserveCapacity(count)
    while bytes.count < count {
      state &+= 0x9E37_79B9_7F4A_7C15
      var mixed = state
      mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
      mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
      mixed ^= mixed >> 31
      withUnsafeBytes(of: mixed) { bytes += $0.prefix(count - bytes.count) }
    }
    return Data(bytes)
  }
}
