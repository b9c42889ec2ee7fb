import COnnxRuntime
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The ONNX Runtime library, opened at run time from a configured path, with its one
/// environment (`OrtEnv`) for the process.
///
/// Nothing links against ONNX Runtime: when the library is absent, `load` throws
/// `.runtimeUnavailable` and the rest of AITrader runs without models.
///
/// `@unchecked Sendable`: the function table and the environment are created once and never
/// change; ORT documents `OrtEnv` as shareable across threads and sessions.
public final class OnnxRuntime: @unchecked Sendable {
  /// The library's path, as configured.
  public let libraryPath: String
  /// The library's version, e.g. "1.32.0".
  public let version: String
  /// The execution providers compiled into the library (ORT's names).
  public let availableProviders: [String]
  let api: OpaquePointer
  let environment: OpaquePointer

  /// One runtime per library path: ORT allows a single environment per process.
  private static let loaded = Mutex<[String: OnnxRuntime]>([:])

  /// The runtime at `libraryPath`, opened on first use.
  public static func load(libraryPath: String) throws(InferenceError) -> OnnxRuntime {
    let result: Result<OnnxRuntime, InferenceError> = loaded.withLock { runtimes in
      if let runtime = runtimes[libraryPath] { return .success(runtime) }
      do throws(InferenceError) {
        let runtime = try OnnxRuntime(libraryPath: libraryPath)
        runtimes[libraryPath] = runtime
        return .success(runtime)
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  private init(libraryPath: String) throws(InferenceError) {
    self.libraryPath = libraryPath
    var message = [CChar](repeating: 0, count: 512)
    guard let api = aort_load(libraryPath, &message, message.count) else {
      throw .runtimeUnavailable(
        path: libraryPath,
        reason: String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
    self.api = api
    version = String(cString: aort_runtime_version(api))
    var environment: OpaquePointer?
    try Self.check(aort_create_env(api, 3, "aitrader", &environment), api: api)
    guard let environment else { throw .runtime(code: 1, message: "CreateEnv returned no environment") }
    self.environment = environment

    var names: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
    var count: Int32 = 0
    try Self.check(aort_available_providers(api, &names, &count), api: api)
    availableProviders = Self.takeStrings(names, count: Int(count))
  }

  deinit {
    aort_release_env(api, environment)
  }

  /// Throws the error `status` carries, releasing it; returns when `status` is nil (success).
  func check(_ status: OpaquePointer?) throws(InferenceError) {
    try Self.check(status, api: api)
  }

  static func check(_ status: OpaquePointer?, api: OpaquePointer) throws(InferenceError) {
    guard let status else { return }
    let code = Int(aort_status_code(api, status))
    let message = String(cString: aort_status_message(api, status))
    aort_release_status(api, status)
    throw .runtime(code: code, message: message)
  }

  /// Copies and frees a malloc'ed string the shim returned.
  static func takeString(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
    guard let pointer else { return nil }
    defer { free(pointer) }
    return String(cString: pointer)
  }

  /// Copies and frees a malloc'ed array of malloc'ed strings the shim returned.
  static func takeStrings(_ array: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, count: Int) -> [String] {
    guard let array else { return [] }
    defer { free(array) }
    return (0..<count).compactMap { takeString(array[$0]) }
  }
}
