import Dispatch
import Inference

/// A `Predictor` that runs one session itself, without batching across callers: what a
/// classifier built on a bare `InferenceSession` uses. The model name is ignored.
struct SessionPredictor: Predictor {
  let session: InferenceSession

  func predict(model: String, inputs: [String: Tensor]) async throws -> [String: Tensor] {
    // ORT blocks its thread for the length of a run: keep that off Swift's cooperative pool.
    try await withCheckedThrowingContinuation { continuation in
      DispatchQueue.global().async {
        continuation.resume(with: Result { () throws(InferenceError) in try session.run(inputs) })
      }
    }
  }
}
