import Dispatch

/// Runs `work` on `queue` and waits for it without holding a thread of Swift's cooperative
/// pool: ONNX Runtime calls block their thread for the length of a run or a load.
func onQueue<Value: Sendable>(
  _ queue: DispatchQueue, _ work: @escaping @Sendable () throws(InferenceError) -> Value
) async throws(InferenceError) -> Value {
  let result: Result<Value, InferenceError> = await withCheckedContinuation { continuation in
    queue.async {
      do throws(InferenceError) {
        continuation.resume(returning: .success(try work()))
      } catch {
        continuation.resume(returning: .failure(error))
      }
    }
  }
  return try result.get()
}
