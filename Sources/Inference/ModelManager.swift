import Dispatch
import Foundation
import TradingCore

/// Every `*.onnx` model in one folder, loaded into sessions and kept in step with the folder.
///
/// `reload()` loads new files, reloads changed ones (size or modification time) and drops
/// removed ones. A file that fails to load is reported with ONNX Runtime's message and does
/// not disturb the others; when a loaded model's file turns bad, the last good session keeps
/// serving until a good file replaces it.
public actor ModelManager {
  /// A model being served.
  public struct LoadedModel: Sendable {
    /// The file name without `.onnx`; the name requests use.
    public let name: String
    public let session: InferenceSession
    /// When the session was loaded.
    public let loadedAt: Timestamp
    let fingerprint: FileFingerprint
  }

  /// A model file that could not be loaded.
  public struct LoadFailure: Sendable, Hashable {
    public let name: String
    public let path: String
    public let reason: String
    public let at: Timestamp
  }

  /// What one `reload()` changed.
  public struct ReloadReport: Sendable, Hashable {
    public var loaded: [String] = []
    public var removed: [String] = []
    public var failed: [String: String] = [:]
    public var unchanged: [String] = []
  }

  struct FileFingerprint: Sendable, Hashable {
    var size: Int
    var modified: Double
  }

  public let directory: String
  public let runtime: OnnxRuntime
  public let options: SessionOptions
  private var models: [String: LoadedModel] = [:]
  private var failures: [String: LoadFailure] = [:]
  /// Fingerprints of files that failed, so an unchanged bad file is not retried every pass.
  private var failedFingerprints: [String: FileFingerprint] = [:]
  private let loading = DispatchQueue(label: "aitrader.inference.model-loading")
  private let now: @Sendable () -> Timestamp

  public init(
    directory: String, runtime: OnnxRuntime, options: SessionOptions = SessionOptions(),
    now: @escaping @Sendable () -> Timestamp = {
      Timestamp(nanosecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1e9))
    }
  ) {
    self.directory = directory
    self.runtime = runtime
    self.options = options
    self.now = now
  }

  /// The models being served, by name.
  public var loaded: [String: LoadedModel] { models }
  /// Files that could not be loaded, by model name.
  public var loadFailures: [String: LoadFailure] { failures }

  /// The session serving `name`.
  public func session(named name: String) throws(InferenceError) -> InferenceSession {
    guard let model = models[name] else { throw .unknownModel(name) }
    return model.session
  }

  /// Brings the loaded models in line with the folder.
  @discardableResult
  public func reload() async -> ReloadReport {
    var report = ReloadReport()
    let files = Self.modelFiles(in: directory)
    for name in models.keys where files[name] == nil {
      models[name] = nil
      report.removed.append(name)
    }
    for name in failures.keys where files[name] == nil {
      failures[name] = nil
      failedFingerprints[name] = nil
    }
    for (name, file) in files.sorted(by: { $0.key < $1.key }) {
      if models[name]?.fingerprint == file.fingerprint {
        // The serving file, as it was loaded: a failure of a file that replaced it meanwhile
        // (and was itself replaced by the original, e.g. with `cp -p`) no longer applies.
        failures[name] = nil
        failedFingerprints[name] = nil
        report.unchanged.append(name)
        continue
      }
      if failedFingerprints[name] == file.fingerprint {
        report.unchanged.append(name)
        continue
      }
      let path = file.path
      let runtime = runtime
      let options = options
      do throws(InferenceError) {
        let session = try await onQueue(loading) { () throws(InferenceError) in
          try InferenceSession(modelPath: path, runtime: runtime, options: options)
        }
        models[name] = LoadedModel(name: name, session: session, loadedAt: now(), fingerprint: file.fingerprint)
        failures[name] = nil
        failedFingerprints[name] = nil
        report.loaded.append(name)
      } catch {
        failures[name] = LoadFailure(name: name, path: path, reason: error.description, at: now())
        failedFingerprints[name] = file.fingerprint
        report.failed[name] = error.description
      }
    }
    return report
  }

  /// The `*.onnx` files in `directory`, by model name.
  static func modelFiles(in directory: String) -> [String: (path: String, fingerprint: FileFingerprint)] {
    let manager = FileManager.default
    guard let names = try? manager.contentsOfDirectory(atPath: directory) else { return [:] }
    var files: [String: (path: String, fingerprint: FileFingerprint)] = [:]
    for file in names where file.hasSuffix(".onnx") && !file.hasPrefix(".") {
      let path = (directory as NSString).appendingPathComponent(file)
      guard let attributes = try? manager.attributesOfItem(atPath: path),
        (attributes[.type] as? FileAttributeType) == .typeRegular
      else { continue }
      let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
      let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
      files[String(file.dropLast(5))] = (path, FileFingerprint(size: size, modified: modified))
    }
    return files
  }
}
