import Dispatch
import Foundation
import Inference
import Synchronization

/// Requests per second through the batch scheduler with `concurrency` callers, each sending
/// one row at a time and sending the next as soon as the answer comes.
enum BatchingBenchmark {
  enum Mode: String, CaseIterable {
    /// The scheduler stacks waiting requests, up to `maxBatchRows` rows.
    case batched
    /// The same scheduler with batches of one row: every request runs alone.
    case unbatched
    /// No scheduler: one thread per core calls `session.run` on one row in a loop — the most
    /// an unbatched server could get from the model on this machine.
    case direct
  }

  struct Result {
    var mode: Mode
    var concurrency: Int
    var requests: Int
    var seconds: Double
    var batches: Int

    var json: String {
      #"{"mode":"\#(mode.rawValue)","concurrency":\#(concurrency),"requests":\#(requests),"#
        + #""requests_per_sec":\#(round3(Double(requests) / seconds)),"#
        + #""mean_batch_rows":\#(round3(Double(requests) / Double(max(1, batches))))}"#
    }
  }

  static func run(
    session: InferenceSession, mode: Mode, concurrency: Int, seconds: Double, maxBatchRows: Int,
    maxWait: Duration
  ) async -> Result {
    if mode == .direct { return direct(session: session, seconds: seconds) }
    let scheduler = BatchScheduler(
      configuration: .init(
        maxBatchRows: mode == .batched ? maxBatchRows : 1, maxWait: maxWait,
        maxQueuedRows: concurrency * 2)
    ) { _ in session }
    var rows = NormalRows(seed: 11)
    let (name, width) = try! modelInput(session)
    let inputs = (0..<concurrency).map { _ in
      [name: try! Tensor(shape: [1, width], values: .float32(rows.floats(width)))]
    }
    let clock = ContinuousClock()
    let deadline = clock.now + .seconds(seconds)
    let start = clock.now
    let answered = await withTaskGroup(of: Int.self) { group in
      for caller in 0..<concurrency {
        let input = inputs[caller]
        group.addTask {
          var answered = 0
          while clock.now < deadline {
            if (try? await scheduler.predict(model: "bench", inputs: input)) != nil { answered += 1 }
          }
          return answered
        }
      }
      return await group.reduce(0, +)
    }
    let elapsed = (clock.now - start) / .seconds(1)
    let figures = await scheduler.figures["bench"] ?? BatchScheduler.Figures()
    return Result(
      mode: mode, concurrency: concurrency, requests: answered, seconds: elapsed,
      batches: figures.batches)
  }

  private static func direct(session: InferenceSession, seconds: Double) -> Result {
    let threads = ProcessInfo.processInfo.activeProcessorCount
    let counts = Mutex([Int](repeating: 0, count: threads))
    var rows = NormalRows(seed: 11)
    let (name, width) = try! modelInput(session)
    let input = [name: try! Tensor(shape: [1, width], values: .float32(rows.floats(width)))]
    let clock = ContinuousClock()
    let start = clock.now
    let deadline = start + .seconds(seconds)
    DispatchQueue.concurrentPerform(iterations: threads) { thread in
      var answered = 0
      while clock.now < deadline {
        if (try? session.run(input)) != nil { answered += 1 }
      }
      counts.withLock { $0[thread] = answered }
    }
    let requests = counts.withLock { $0.reduce(0, +) }
    return Result(
      mode: .direct, concurrency: threads, requests: requests, seconds: (clock.now - start) / .seconds(1),
      batches: requests)
  }
}
