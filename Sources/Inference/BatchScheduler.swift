import Dispatch

/// Dynamic batching: requests for one model that arrive close together run as one batch.
///
/// Requests are queued per model and per input layout (element types and every dimension
/// after the first), so that only requests that can be stacked share a batch. A queue runs up
/// to `concurrentBatches` batches at once, on threads outside Swift's cooperative pool: a batch
/// starts when `maxBatchRows` rows wait, when the oldest request has waited `maxWait`, or at
/// once when a running batch ends with requests waiting. Each caller gets its own rows of the outputs. A queue holding `maxQueuedRows` rows
/// refuses more with `.queueFull` (back-pressure; the API answers 429).
///
/// A model whose first input dimension is fixed cannot be batched; its requests run alone.
public actor BatchScheduler: Predictor {
  /// Batching limits.
  public struct Configuration: Sendable, Hashable {
    /// The most rows one batch stacks (a single larger request still runs, alone).
    public var maxBatchRows: Int
    /// How long the first request of a batch may wait for company while a batch slot is free.
    /// Zero starts a batch as soon as a slot is free: no delay when the model is idle, and
    /// under load the requests that arrive while the slots are busy still run together.
    public var maxWait: Duration
    /// Rows a model's queue may hold, running batch excluded, before requests are refused.
    public var maxQueuedRows: Int
    /// Batches of one queue that may run at the same time (ORT runs one session on several
    /// threads at once); two keep a core busy while the next batch is being formed.
    public var concurrentBatches: Int

    public init(
      maxBatchRows: Int = 64, maxWait: Duration = .zero, maxQueuedRows: Int = 4096,
      concurrentBatches: Int = 2
    ) {
      precondition(maxBatchRows > 0 && maxQueuedRows > 0 && concurrentBatches > 0, "batch limits must be positive")
      self.maxBatchRows = maxBatchRows
      self.maxWait = maxWait
      self.maxQueuedRows = maxQueuedRows
      self.concurrentBatches = concurrentBatches
    }
  }

  /// Running totals, for health and `/models`.
  public struct Figures: Sendable, Hashable {
    public var requests = 0
    public var rows = 0
    public var batches = 0
    public var refused = 0
    public var largestBatchRows = 0

    public init() {}
  }

  /// The requests that can share a batch.
  struct QueueKey: Hashable {
    var model: String
    var session: ObjectIdentifier
    var layout: [InputLayout]
  }

  struct InputLayout: Hashable {
    var name: String
    var elementType: TensorElementType
    var trailingShape: [Int]
  }

  struct Waiting {
    var inputs: [String: Tensor]
    var rows: Int
    var continuation: CheckedContinuation<[String: Tensor], any Error>
  }

  struct Queue {
    var session: InferenceSession
    var waiting: [Waiting] = []
    var waitingRows = 0
    /// Batches running now.
    var running = 0
    var timer: Task<Void, Never>?
  }

  public nonisolated let configuration: Configuration
  private let sessions: @Sendable (String) async throws(InferenceError) -> InferenceSession
  private var queues: [QueueKey: Queue] = [:]
  private var totals: [String: Figures] = [:]

  /// Batches the models `sessions` looks up by name (usually `ModelManager.session(named:)`).
  public init(
    configuration: Configuration = Configuration(),
    sessions: @escaping @Sendable (String) async throws(InferenceError) -> InferenceSession
  ) {
    self.configuration = configuration
    self.sessions = sessions
  }

  /// Batches the models `manager` serves.
  public init(configuration: Configuration = Configuration(), models manager: ModelManager) {
    self.init(configuration: configuration) { name throws(InferenceError) in try await manager.session(named: name) }
  }

  /// Running totals per model.
  public var figures: [String: Figures] { totals }

  public func predict(model: String, inputs: [String: Tensor]) async throws -> [String: Tensor] {
    let session = try await sessions(model)
    totals[model, default: Figures()].requests += 1
    guard let (key, rows) = try batchKey(model: model, session: session, inputs: inputs) else {
      // Not stackable: run alone, on a thread outside the cooperative pool.
      totals[model, default: Figures()].batches += 1
      return try await onQueue(.global()) { () throws(InferenceError) in try session.run(inputs) }
    }
    guard rows <= configuration.maxQueuedRows else {
      throw InferenceError.invalidInput(
        "a request of \(rows) rows exceeds the queue of model '\(model)' (\(configuration.maxQueuedRows) rows)")
    }
    if queues[key] == nil {
      queues[key] = Queue(session: session)
    }
    guard queues[key]!.waitingRows + rows <= configuration.maxQueuedRows else {
      totals[model, default: Figures()].refused += 1
      throw InferenceError.queueFull(model: model, capacity: configuration.maxQueuedRows)
    }
    return try await withCheckedThrowingContinuation { continuation in
      queues[key]!.waiting.append(Waiting(inputs: inputs, rows: rows, continuation: continuation))
      queues[key]!.waitingRows += rows
      schedule(key)
    }
  }

  /// The queue `inputs` belong in and their row count; nil when the model cannot batch them.
  private func batchKey(
    model: String, session: InferenceSession, inputs: [String: Tensor]
  ) throws(InferenceError) -> (QueueKey, Int)? {
    guard session.inputs.allSatisfy(\.hasDynamicBatch), inputs.count == session.inputs.count else { return nil }
    var rows: Int?
    var layout: [InputLayout] = []
    for description in session.inputs {
      guard let tensor = inputs[description.name], let count = tensor.rowCount else { return nil }
      if let rows, rows != count {
        throw .invalidInput("inputs disagree on the number of rows (\(rows) and \(count))")
      }
      rows = count
      layout.append(
        InputLayout(
          name: description.name, elementType: tensor.elementType, trailingShape: Array(tensor.shape.dropFirst())))
    }
    guard let rows, rows > 0 else { return nil }
    return (QueueKey(model: model, session: ObjectIdentifier(session), layout: layout), rows)
  }

  /// Starts a batch now or arms the timer, as the queue's state asks.
  private func schedule(_ key: QueueKey) {
    guard let queue = queues[key], queue.running < configuration.concurrentBatches, !queue.waiting.isEmpty else {
      return
    }
    if queue.waitingRows >= configuration.maxBatchRows || configuration.maxWait <= .zero {
      startBatch(key)
    } else if queue.timer == nil {
      let wait = configuration.maxWait
      queues[key]!.timer = Task {
        try? await Task.sleep(for: wait)
        self.timerFired(key)
      }
    }
  }

  private func timerFired(_ key: QueueKey) {
    queues[key]?.timer = nil
    guard let queue = queues[key], queue.running < configuration.concurrentBatches, !queue.waiting.isEmpty else {
      return
    }
    startBatch(key)
  }

  /// Takes requests up to `maxBatchRows` rows (at least one) and runs them as one batch.
  private func startBatch(_ key: QueueKey) {
    guard var queue = queues[key] else { return }
    queue.timer?.cancel()
    queue.timer = nil
    var taken: [Waiting] = []
    var rows = 0
    while let next = queue.waiting.first, taken.isEmpty || rows + next.rows <= configuration.maxBatchRows {
      taken.append(queue.waiting.removeFirst())
      rows += next.rows
    }
    queue.waitingRows -= rows
    queue.running += 1
    queues[key] = queue
    totals[key.model, default: Figures()].batches += 1
    totals[key.model, default: Figures()].rows += rows
    totals[key.model, default: Figures()].largestBatchRows = max(totals[key.model]?.largestBatchRows ?? 0, rows)

    let session = queue.session
    let stacked = Self.stack(taken.map(\.inputs), layout: key.layout)
    // The run blocks its thread, so it goes to Dispatch; the callers are answered from there,
    // and only the bookkeeping comes back to the actor.
    let batch = taken
    let batchRows = rows
    DispatchQueue.global().async {
      do throws(InferenceError) {
        Self.answer(batch, rows: batchRows, with: try session.run(stacked))
      } catch {
        for waiting in batch { waiting.continuation.resume(throwing: error) }
      }
      Task { await self.batchFinished(key) }
    }
  }

  /// Gives each request its own rows of `outputs`.
  private static func answer(_ taken: [Waiting], rows: Int, with outputs: [String: Tensor]) {
    var offset = 0
    for waiting in taken {
      let range = offset..<offset + waiting.rows
      offset += waiting.rows
      waiting.continuation.resume(
        returning: outputs.mapValues { output in
          // Outputs with one row per input row are split; anything else goes to everyone.
          output.rowCount == rows && taken.count > 1 ? output.rows(range) : output
        })
    }
  }

  private func batchFinished(_ key: QueueKey) {
    guard var queue = queues[key] else { return }
    queue.running -= 1
    queues[key] = queue
    if !queue.waiting.isEmpty {
      // Whoever waited through the last batch has waited long enough.
      startBatch(key)
    } else if queue.running == 0 {
      queues[key] = nil
    }
  }

  /// The requests' inputs stacked along the first axis, input by input.
  static func stack(_ requests: [[String: Tensor]], layout: [InputLayout]) -> [String: Tensor] {
    guard requests.count > 1 else { return requests[0] }
    var stacked: [String: Tensor] = [:]
    for input in layout {
      stacked[input.name] = Tensor.concatenating(requests.map { $0[input.name]! })
    }
    return stacked
  }
}
