import Foundation
import Inference
import Synchronization
import Testing

/// Requests that arrive together share a batch, and each caller still gets exactly its own
/// rows' answers; a full queue refuses, and requests that cannot share a batch never meet.
@Suite(.enabled(if: TestRuntime.shouldRun, "ONNX Runtime is installed on Linux x86_64 only"))
struct BatchSchedulerTests {
  /// The repository's model folder (direction.onnx alone), loaded.
  private static func models() async throws -> ModelManager {
    let manager = ModelManager(
      directory: TestRuntime.repositoryRoot.appendingPathComponent("models").path, runtime: try TestRuntime.load())
    let report = await manager.reload()
    try #require(report.loaded == ["direction"], "\(report)")
    return manager
  }

  /// What `session` answers for each row alone, stacked: the truth a batched caller must see.
  private static func rowByRow(_ rows: [[Float]], session: InferenceSession) throws -> (
    labels: [Int64], probabilities: [[Float]]
  ) {
    var labels: [Int64] = []
    var probabilities: [[Float]] = []
    for row in rows {
      let outputs = try session.run(["features": Tensor(rows: [row])])
      labels += try #require(outputs["label"]?.integers)
      probabilities.append(try #require(outputs["probabilities"]?.floats))
    }
    return (labels, probabilities)
  }

  /// 64 requests of 1, 2 or 3 rows each, every row different (consecutive fixture rows).
  private static func distinctRequests(_ fixture: DirectionFixtures.Predictions) -> [[[Float]]] {
    var requests: [[[Float]]] = []
    var next = 0
    for caller in 0..<64 {
      let count = 1 + caller % 3
      requests.append(Array(fixture.inputs[next..<next + count]))
      next += count
    }
    return requests
  }

  /// Sends every request at once, one caller each, and checks that each caller got what the
  /// session answers for its own rows alone.
  private static func sendConcurrently(_ requests: [[[Float]]], to scheduler: BatchScheduler, session: InferenceSession)
    async throws
  {
    let answers = try await withThrowingTaskGroup(of: (Int, [String: Tensor]).self) { group in
      for (caller, rows) in requests.enumerated() {
        group.addTask {
          (caller, try await scheduler.predict(model: "direction", inputs: ["features": Tensor(rows: rows)]))
        }
      }
      var answers: [Int: [String: Tensor]] = [:]
      for try await (caller, outputs) in group { answers[caller] = outputs }
      return answers
    }
    #expect(answers.count == requests.count)
    for (caller, rows) in requests.enumerated() {
      let expected = try rowByRow(rows, session: session)
      let outputs = try #require(answers[caller])
      #expect(outputs["label"]?.shape == [rows.count], "caller \(caller)")
      #expect(outputs["label"]?.integers == expected.labels, "caller \(caller)")
      #expect(isClose(outputs["probabilities"], expected.probabilities), "caller \(caller)")
    }
  }

  @Test func concurrentCallersShareBatchesAndGetTheirOwnRows() async throws {
    let models = try await Self.models()
    let scheduler = BatchScheduler(configuration: .init(maxBatchRows: 32, maxWait: .milliseconds(5)), models: models)
    let requests = Self.distinctRequests(try DirectionFixtures.predictions())
    try await Self.sendConcurrently(requests, to: scheduler, session: try await models.session(named: "direction"))
    let rows = requests.reduce(0) { $0 + $1.count }
    let figures = try #require(await scheduler.figures["direction"])
    #expect(figures.requests == 64)
    #expect(figures.rows == rows)
    #expect(figures.refused == 0)
    #expect(figures.batches < figures.requests, "requests arriving together share batches: \(figures)")
    #expect(figures.batches >= (rows + 31) / 32, "no batch holds more than 32 rows: \(figures)")
    #expect(figures.largestBatchRows <= 32 && figures.largestBatchRows > 3, "\(figures)")
  }

  /// Without a wait, batches start as soon as the one slot is free; whatever they stack, each
  /// caller still gets its own rows.
  @Test func withoutAWaitEveryCallerStillGetsItsOwnRows() async throws {
    let models = try await Self.models()
    let scheduler = BatchScheduler(
      configuration: .init(maxBatchRows: 32, maxWait: .zero, concurrentBatches: 1), models: models)
    let requests = Self.distinctRequests(try DirectionFixtures.predictions())
    try await Self.sendConcurrently(requests, to: scheduler, session: try await models.session(named: "direction"))
    let figures = try #require(await scheduler.figures["direction"])
    #expect(figures.requests == 64)
    #expect(figures.rows == requests.reduce(0) { $0 + $1.count })
    #expect(figures.batches <= 64)
    #expect(figures.largestBatchRows <= 32, "\(figures)")
  }

  @Test func aRequestLargerThanABatchRunsAloneAndWhole() async throws {
    let models = try await Self.models()
    let scheduler = BatchScheduler(
      configuration: .init(maxBatchRows: 32, maxWait: .milliseconds(5)), models: models)
    let fixture = try DirectionFixtures.predictions()
    let rows = 40
    let outputs = try await scheduler.predict(model: "direction", inputs: ["features": fixture.tensor(0..<rows)])
    #expect(outputs["label"]?.integers == Array(fixture.labels[0..<rows]))
    #expect(isClose(outputs["probabilities"], Array(fixture.probabilities[0..<rows])))
    let figures = try #require(await scheduler.figures["direction"])
    #expect(figures.largestBatchRows == rows)
    #expect(figures.batches == 1)
  }

  @Test func aFullQueueRefusesWhatDoesNotFit() async throws {
    let models = try await Self.models()
    // Nothing runs before the two-second wait: the queue only fills.
    let scheduler = BatchScheduler(
      configuration: .init(maxBatchRows: 1_000, maxWait: .seconds(2), maxQueuedRows: 4), models: models)
    let fixture = try DirectionFixtures.predictions()
    let first = Task { try await scheduler.predict(model: "direction", inputs: ["features": fixture.tensor(0..<3)]) }
    try #require(await eventually { await scheduler.figures["direction"]?.requests == 1 })

    await #expect(throws: InferenceError.queueFull(model: "direction", capacity: 4)) {
      try await scheduler.predict(model: "direction", inputs: ["features": fixture.tensor(3..<6)])
    }
    // One more row still fits (3 + 1 = 4) and joins the first request's batch.
    let last = try await scheduler.predict(model: "direction", inputs: ["features": fixture.tensor([6])])
    let firstOutputs = try await first.value
    #expect(firstOutputs["label"]?.integers == Array(fixture.labels[0..<3]))
    #expect(isClose(firstOutputs["probabilities"], Array(fixture.probabilities[0..<3])))
    #expect(last["label"]?.integers == [fixture.labels[6]])
    #expect(isClose(last["probabilities"], [fixture.probabilities[6]]))

    let figures = try #require(await scheduler.figures["direction"])
    #expect(figures.requests == 3)
    #expect(figures.refused == 1)
    #expect(figures.batches == 1 && figures.rows == 4)
    #expect(!InferenceError.queueFull(model: "direction", capacity: 4).isCallerError)
  }

  @Test func aRequestLargerThanTheQueueIsInvalid() async throws {
    let scheduler = BatchScheduler(
      configuration: .init(maxBatchRows: 1_000, maxWait: .seconds(2), maxQueuedRows: 4), models: try await Self.models()
    )
    let fixture = try DirectionFixtures.predictions()
    await #expect(
      throws: InferenceError.invalidInput("a request of 5 rows exceeds the queue of model 'direction' (4 rows)")
    ) {
      try await scheduler.predict(model: "direction", inputs: ["features": fixture.tensor(0..<5)])
    }
    #expect(await scheduler.figures["direction"]?.batches == 0)
  }

  @Test func requestsOfDifferentShapesDoNotPoisonEachOther() async throws {
    let scheduler = BatchScheduler(
      configuration: .init(maxBatchRows: 32, maxWait: .milliseconds(50)), models: try await Self.models())
    let fixture = try DirectionFixtures.predictions()
    let narrow = try Tensor(rows: [[0.1, 0.2, 0.3, 0.4, 0.5], [0.5, 0.4, 0.3, 0.2, 0.1]])
    let results = await withTaskGroup(of: (Int, Result<[String: Tensor], any Error>).self) { group in
      for caller in 0..<6 {
        group.addTask {
          do {
            let inputs = caller == 3 ? narrow : try fixture.tensor([caller])
            return (caller, .success(try await scheduler.predict(model: "direction", inputs: ["features": inputs])))
          } catch {
            return (caller, .failure(error))
          }
        }
      }
      var results: [Int: Result<[String: Tensor], any Error>] = [:]
      for await (caller, result) in group { results[caller] = result }
      return results
    }
    for caller in 0..<6 {
      switch results[caller] {
      case .success(let outputs) where caller != 3:
        #expect(outputs["label"]?.integers == [fixture.labels[caller]], "caller \(caller)")
        #expect(isClose(outputs["probabilities"], [fixture.probabilities[caller]]), "caller \(caller)")
      case .failure(let error as InferenceError) where caller == 3:
        guard case .runtime(let code, let message) = error else {
          Issue.record("the 5-column request should fail in ONNX Runtime, got \(error)")
          continue
        }
        #expect(code == 2, "\(message)")
        #expect(message.contains("Got: 5 Expected: 6"), "\(message)")
      default:
        Issue.record("caller \(caller): unexpected \(String(describing: results[caller]))")
      }
    }
  }

  @Test func anUnknownModelIsRefused() async throws {
    let scheduler = BatchScheduler(models: try await Self.models())
    await #expect(throws: InferenceError.unknownModel("nope")) {
      try await scheduler.predict(model: "nope", inputs: ["features": Tensor(rows: [[0, 0, 0, 0, 0, 0]])])
    }
  }
}
