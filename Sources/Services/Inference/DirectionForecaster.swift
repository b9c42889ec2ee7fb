import Broker
import Inference
import TradingCore

/// The ML factor: asks the direction model for p(up) on the features the signal carries and
/// answers 2·p(up) − 1, a score in [-1, 1].
///
/// Calls go through a circuit breaker and a time limit: after `failureThreshold` failures in a
/// row the breaker opens, no call goes out for the cool-down, and the strategy trades on the
/// technical factor alone; `/api/status` then shows `onnx_runner` degraded.
public struct DirectionForecaster: Forecaster {
  public let factor = "ml"
  /// The model's name (its file name without `.onnx`).
  public let model: String
  public let predictor: any Predictor
  public let breaker: CircuitBreaker
  /// The longest a prediction may take before the factor is left out.
  public let timeLimit: Duration
  private let outcomes = ForecastCounters()

  public init(
    model: String, predictor: any Predictor, breaker: CircuitBreaker = CircuitBreaker(),
    timeLimit: Duration = .milliseconds(100)
  ) {
    self.model = model
    self.predictor = predictor
    self.breaker = breaker
    self.timeLimit = timeLimit
  }

  public func forecast(for signal: Signal) async -> Double? {
    guard let row = DirectionFeatures.row(fromMeta: signal.meta) else {
      outcomes.record(.withoutInput)
      return nil
    }
    guard breaker.allowsCall() else {
      outcomes.record(.refused)
      return nil
    }
    do {
      let features = try Tensor(rows: [row.map { Float($0) }])
      let predictor = predictor
      let model = model
      let outputs = try await firstAnswer(
        within: timeLimit, otherwise: .failure(TimeLimitExceeded(limit: timeLimit))
      ) { () async -> Result<[String: Tensor], any Error> in
        do {
          return .success(try await predictor.predict(model: model, inputs: ["features": features]))
        } catch {
          return .failure(error)
        }
      }.get()
      guard let probabilities = outputs["probabilities"]?.floats, probabilities.count == 2 else {
        throw InferenceError.invalidInput("model '\(model)' gave no [1, 2] 'probabilities' output")
      }
      breaker.recordSuccess()
      outcomes.record(.answered)
      return Double(2 * probabilities[1] - 1)
    } catch {
      breaker.recordFailure()
      outcomes.record(.failed("\(error)"))
      return nil
    }
  }

  /// Predictions answered, failed, refused by the open breaker, and signals without features (`withoutInput`).
  public var counts: ForecastCounters.Counts { outcomes.counts }
}

/// The time limit passed before the operation finished.
public struct TimeLimitExceeded: Error, Hashable, CustomStringConvertible {
  public let limit: Duration
  public var description: String { "no answer within \(limit)" }
}
