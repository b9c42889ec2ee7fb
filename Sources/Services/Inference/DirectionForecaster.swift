import Broker
import Inference
import Synchronization
import TradingCore

/// The ML factor: asks the direction model for p(up) on the features the signal carries and
/// answers 2·p(up) − 1, a score in [-1, 1].
///
/// Calls go through a circuit breaker and a time limit: after `failureThreshold` failures in a
/// row the breaker opens, no call goes out for the cool-down, and the strategy trades on the
/// technical factor alone; `/api/status` then shows `onnx_runner` degraded.
///
/// The features change once a bar, while a symbol may signal several times in one: the answer
/// to the newest features of each symbol is kept, and a signal asking the same again gets it
/// without a model call (the model is a pure function of its inputs). A pattern engine in this
/// process tells the forecaster of each new row as the bar closes (`prepare`), and the model is
/// asked then, so that the bar's first signal finds the answer ready too (or waits only for the
/// rest of a call already under way).
public struct DirectionForecaster: Forecaster {
  public let factor = "ml"
  /// The model's name (its file name without `.onnx`).
  public let model: String
  public let predictor: any Predictor
  public let breaker: CircuitBreaker
  /// The longest a prediction may take before the factor is left out.
  public let timeLimit: Duration
  private let outcomes = ForecastCounters()
  private let lastAnswers = LastAnswers()

  public init(
    model: String, predictor: any Predictor, breaker: CircuitBreaker = CircuitBreaker(),
    timeLimit: Duration = .milliseconds(100)
  ) {
    self.model = model
    self.predictor = predictor
    self.breaker = breaker
    self.timeLimit = timeLimit
  }

  public nonisolated(nonsending) func forecast(for signal: Signal) async -> Double? {
    guard let row = DirectionFeatures.row(fromMeta: signal.meta) else {
      outcomes.record(.withoutInput)
      return nil
    }
    switch lastAnswers.answer(for: signal.symbol, row: row) {
    case .ready(let score)?:
      outcomes.record(.reused)
      return score
    case .asking(let call)?:
      // A failed call was counted already; the model is then asked again below, as for a new row.
      if let score = await call.value {
        outcomes.record(.reused)
        return score
      }
    case nil:
      break
    }
    return await ask(row: row, for: signal.symbol)
  }

  /// Starts the model call for `row` while the breaker is closed; past failures leave each signal
  /// to ask (and be refused, counted once) itself.
  public func prepare(features row: [Double], of symbol: String) {
    guard breaker.snapshot.state == .closed else { return }
    lastAnswers.begin(for: symbol, row: row) { await self.ask(row: row, for: symbol) }
  }

  /// Asks the model for `row`, through the breaker and within the time limit; keeps and returns
  /// the score, or nil (counted) when the breaker refuses or the call fails.
  private func ask(row: [Double], for symbol: String) async -> Double? {
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
      let score = Double(2 * probabilities[1] - 1)
      lastAnswers.keep(score, for: symbol, row: row)
      return score
    } catch {
      breaker.recordFailure()
      outcomes.record(.failed("\(error)"))
      return nil
    }
  }

  /// Predictions answered, failed, refused by the open breaker, and signals without features (`withoutInput`).
  public var counts: ForecastCounters.Counts { outcomes.counts }
}

/// The newest model answer per symbol with the features it answered, or the call asking for it.
private final class LastAnswers: Sendable {
  enum Answer {
    case ready(Double)
    /// A call under way for the row; its value is the score, or nil when it failed.
    case asking(Task<Double?, Never>)
  }

  private let answers = Mutex<[String: (row: [Double], answer: Answer)]>([:])

  func answer(for symbol: String, row: [Double]) -> Answer? {
    answers.withLock { answers in answers[symbol].flatMap { $0.row == row ? $0.answer : nil } }
  }

  /// Keeps `score` for `row`, unless a call for another row is under way (a newer bar's).
  func keep(_ score: Double, for symbol: String, row: [Double]) {
    answers.withLock { answers in
      if let held = answers[symbol], held.row != row, case .asking = held.answer { return }
      answers[symbol] = (row, .ready(score))
    }
  }

  /// Starts `call` for `row` unless that row is answered or asked already.
  func begin(for symbol: String, row: [Double], call: @escaping @Sendable () async -> Double?) {
    answers.withLock { answers in
      guard answers[symbol]?.row != row else { return }
      answers[symbol] = (row, .asking(Task(operation: call)))
    }
  }
}

/// The time limit passed before the operation finished.
public struct TimeLimitExceeded: Error, Hashable, CustomStringConvertible {
  public let limit: Duration
  public var description: String { "no answer within \(limit)" }
}
