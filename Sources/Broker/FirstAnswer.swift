import Synchronization

/// `operation`'s answer, or `fallback` when `limit` passes first: the time limit of every remote
/// call (broker tools, predictions, health checks).
///
/// When the limit wins, the operation is cancelled and not waited for: the caller goes on at
/// once even if the operation ignores cancellation (a task group would wait for it).
public func firstAnswer<Value: Sendable>(
  within limit: Duration, otherwise fallback: Value, _ operation: @escaping @Sendable () async -> Value
) async -> Value {
  await withCheckedContinuation { continuation in
    let answer = FirstAnswer(continuation)
    let timer = Task {
      try? await Task.sleep(for: limit)
      answer.timeOut(with: fallback)
    }
    answer.attach(
      work: Task {
        if answer.give(await operation()) { timer.cancel() }
      })
  }
}

/// Resumes a continuation with whichever answer comes first, the operation's or the timeout's,
/// and cancels the operation when the timeout wins.
private final class FirstAnswer<Value: Sendable>: Sendable {
  private struct State {
    var continuation: CheckedContinuation<Value, Never>?
    var work: Task<Void, Never>?
    var timedOut = false
  }
  private let state: Mutex<State>

  init(_ continuation: CheckedContinuation<Value, Never>) {
    state = Mutex(State(continuation: continuation))
  }

  /// Keeps the operation's task, to cancel it if the timeout wins (at once if it already has).
  func attach(work: Task<Void, Never>) {
    let cancelNow = state.withLock { state in
      state.work = work
      return state.timedOut
    }
    if cancelNow { work.cancel() }
  }

  /// Resumes with the operation's `value` if nothing answered yet; says whether it did.
  func give(_ value: Value) -> Bool {
    let continuation = state.withLock { state in
      defer { state.continuation = nil }
      return state.continuation
    }
    continuation?.resume(returning: value)
    return continuation != nil
  }

  /// Resumes with `fallback` if the operation has not answered, and cancels it.
  func timeOut(with fallback: Value) {
    let pending: (CheckedContinuation<Value, Never>, Task<Void, Never>?)? = state.withLock { state in
      guard let continuation = state.continuation else { return nil }
      state.continuation = nil
      state.timedOut = true
      return (continuation, state.work)
    }
    guard let (continuation, work) = pending else { return }
    continuation.resume(returning: fallback)
    work?.cancel()
  }
}
