import Foundation
import Testing

@testable import Inference

/// The model folder is the truth: files that appear are loaded, changed ones reloaded, removed
/// ones dropped, and a bad file never takes a good model down.
@Suite(.enabled(if: TestRuntime.shouldRun, "ONNX Runtime is installed on Linux x86_64 only"))
struct ModelManagerTests {
  /// A temporary model folder holding a copy of `direction.onnx`, and a manager over it.
  private struct Folder {
    let directory: URL
    let manager: ModelManager

    init() throws {
      directory = try TestRuntime.temporaryDirectory()
      try FileManager.default.copyItem(
        at: URL(fileURLWithPath: TestRuntime.modelPath), to: directory.appendingPathComponent("direction.onnx"))
      manager = ModelManager(directory: directory.path, runtime: try TestRuntime.load())
    }

    func url(_ file: String) -> URL { directory.appendingPathComponent(file) }

    func remove() { try? FileManager.default.removeItem(at: directory) }
  }

  /// The direction model's answer for fixture row 0 through `session`, as a check that it serves.
  private func servesFixtureRow(_ session: InferenceSession) throws -> Bool {
    let fixture = try DirectionFixtures.predictions()
    let outputs = try session.run(["features": fixture.tensor([0])])
    return isClose(outputs["probabilities"], [fixture.probabilities[0]])
  }

  @Test func loadsTheFolderAndReportsUnchangedFilesNextTime() async throws {
    let folder = try Folder()
    defer { folder.remove() }
    let first = await folder.manager.reload()
    #expect(first == ModelManager.ReloadReport(loaded: ["direction"]))
    let session = try await folder.manager.session(named: "direction")
    #expect(session.modelPath == folder.url("direction.onnx").path)
    #expect(try servesFixtureRow(session))
    #expect(await folder.manager.loaded.keys.sorted() == ["direction"])

    let second = await folder.manager.reload()
    #expect(second == ModelManager.ReloadReport(unchanged: ["direction"]))
    #expect(try await folder.manager.session(named: "direction") === session, "an unchanged file is not reloaded")
  }

  @Test func aCorruptNewFileFailsAloneWithOnnxRuntimesMessage() async throws {
    let folder = try Folder()
    defer { folder.remove() }
    await folder.manager.reload()
    try TestRuntime.garbage().write(to: folder.url("bad.onnx"))
    // Not a model file: ignored.
    try Data("notes".utf8).write(to: folder.url("README.txt"))

    let report = await folder.manager.reload()
    #expect(report.loaded.isEmpty)
    #expect(report.unchanged == ["direction"])
    #expect(Array(report.failed.keys) == ["bad"])
    let reason = try #require(report.failed["bad"])
    #expect(reason.contains("Protobuf parsing failed") || reason.contains("INVALID_PROTOBUF"), "\(reason)")
    let failure = try #require(await folder.manager.loadFailures["bad"])
    #expect(failure.path == folder.url("bad.onnx").path)
    #expect(failure.reason == reason)
    #expect(try servesFixtureRow(try await folder.manager.session(named: "direction")))
    await #expect(throws: InferenceError.unknownModel("bad")) { try await folder.manager.session(named: "bad") }

    // The same bad file is not retried; deleting it clears the failure.
    #expect(await folder.manager.reload().unchanged == ["bad", "direction"])
    try FileManager.default.removeItem(at: folder.url("bad.onnx"))
    #expect(await folder.manager.reload() == ModelManager.ReloadReport(unchanged: ["direction"]))
    #expect(await folder.manager.loadFailures.isEmpty)
  }

  @Test func aModelWhoseFileTurnsBadKeepsServingUntilAGoodFileReturns() async throws {
    let folder = try Folder()
    defer { folder.remove() }
    let path = folder.url("direction.onnx")
    let good = try Data(contentsOf: path)
    await folder.manager.reload()
    let original = try await folder.manager.session(named: "direction")
    let originalDate = try #require(
      try FileManager.default.attributesOfItem(atPath: path.path)[.modificationDate] as? Date)

    try TestRuntime.garbage(count: 1_000).write(to: path)
    let broken = await folder.manager.reload()
    #expect(broken.loaded.isEmpty && broken.removed.isEmpty)
    #expect(broken.failed.keys.sorted() == ["direction"])
    #expect(await folder.manager.loadFailures["direction"]?.reason == broken.failed["direction"])
    let serving = try await folder.manager.session(named: "direction")
    #expect(serving === original, "the last good session keeps serving")
    #expect(try servesFixtureRow(serving))

    // The good bytes again, under a later modification time than the first copy.
    try good.write(to: path)
    try FileManager.default.setAttributes(
      [.modificationDate: originalDate.addingTimeInterval(60)], ofItemAtPath: path.path)
    let restored = await folder.manager.reload()
    #expect(restored == ModelManager.ReloadReport(loaded: ["direction"]))
    #expect(await folder.manager.loadFailures.isEmpty)
    let reloaded = try await folder.manager.session(named: "direction")
    #expect(reloaded !== original)
    #expect(try servesFixtureRow(reloaded))
  }

  /// `cp -p` of a backup puts back the very file that serves, size and time included: nothing
  /// to reload, and the failure of the bad file it replaced must not linger.
  @Test func restoringTheServingFileAsItWasClearsTheFailure() async throws {
    let folder = try Folder()
    defer { folder.remove() }
    let path = folder.url("direction.onnx").path
    let good = try Data(contentsOf: folder.url("direction.onnx"))
    // A whole second, so that the time reads back exactly as it was set.
    let stamp = Date(timeIntervalSince1970: 1_700_000_000)
    try FileManager.default.setAttributes([.modificationDate: stamp], ofItemAtPath: path)
    await folder.manager.reload()
    let original = try await folder.manager.session(named: "direction")

    try TestRuntime.garbage(count: 1_000).write(to: folder.url("direction.onnx"))
    #expect(await folder.manager.reload().failed.keys.sorted() == ["direction"])
    #expect(await folder.manager.loadFailures.keys.sorted() == ["direction"])

    try good.write(to: folder.url("direction.onnx"))
    try FileManager.default.setAttributes([.modificationDate: stamp], ofItemAtPath: path)
    #expect(await folder.manager.reload() == ModelManager.ReloadReport(unchanged: ["direction"]))
    #expect(await folder.manager.loadFailures.isEmpty, "the file that failed is gone")
    #expect(try await folder.manager.session(named: "direction") === original)
  }

  @Test func deletingTheFileRemovesTheModel() async throws {
    let folder = try Folder()
    defer { folder.remove() }
    await folder.manager.reload()
    try FileManager.default.removeItem(at: folder.url("direction.onnx"))
    #expect(await folder.manager.reload() == ModelManager.ReloadReport(removed: ["direction"]))
    #expect(await folder.manager.loaded.isEmpty)
    await #expect(throws: InferenceError.unknownModel("direction")) {
      try await folder.manager.session(named: "direction")
    }
  }

  @Test func anUnknownNameIsUnknownModel() async throws {
    let folder = try Folder()
    defer { folder.remove() }
    await folder.manager.reload()
    await #expect(throws: InferenceError.unknownModel("nope")) { try await folder.manager.session(named: "nope") }
    let error = InferenceError.unknownModel("nope")
    #expect(error.description == "no model named 'nope' is loaded")
    #expect(error.isCallerError)
  }

  @Test func aMissingFolderServesNothing() async throws {
    let manager = ModelManager(directory: "/nonexistent/models", runtime: try TestRuntime.load())
    #expect(await manager.reload() == ModelManager.ReloadReport())
    #expect(await manager.loaded.isEmpty)
  }
}
