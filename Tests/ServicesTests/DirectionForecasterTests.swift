import Inference
import Services
import Synchronization
import Testing
import TradingCore

/// The ML factor over a predictor the test controls: what it answers, when it stays silent,
/// and that an open breaker stops the calls.
@Suite struct DirectionForecasterTests {
  /// A predictor that answers, throws or stalls, and counts its calls.
  final class FakePredictor: Predictor {
    enum Behaviour: Sendable {
      case answer(probabilities: [Float])
      case fail
      case stall
      /// Waits for the gate to open, whatever cancellation says.
      case ignoreCancellationUntil(Gate)
      case answerWithoutProbabilities
      /// Answers once the gate opens.
      case answerWhenOpen(Gate, probabilities: [Float])
    }

    /// Held shut by the test; a caller waiting on it cannot be cancelled out of the wait.
    final class Gate: Sendable {
      private let waiting = Mutex<(open: Bool, continuations: [CheckedContinuation<Void, Never>])>((false, []))

      func wait() async {
        await withCheckedContinuation { continuation in
          let proceed = waiting.withLock { state in
            if !state.open { state.continuations.append(continuation) }
            return state.open
          }
          if proceed { continuation.resume() }
        }
      }

      func open() {
        let waiters = waiting.withLock { state in
          state.open = true
          defer { state.continuations = [] }
          return state.continuations
        }
        waiters.forEach { $0.resume() }
      }
    }

    struct Failure: Error, CustomStringConvertible {
      var description: String { "fake runner is down" }
    }

    let behaviour: Behaviour
    private let received = Mutex<[(model: String, inputs: [String: Tensor])]>([])

    init(_ behaviour: Behaviour) { self.behaviour = behaviour }

    var calls: Int { received.withLock { $0.count } }
    var requests: [(model: String, inputs: [String: Tensor])] { received.withLock { $0 } }

    func predict(model: String, inputs: [String: Tensor]) async throws -> [String: Tensor] {
      received.withLock { $0.append((model, inputs)) }
      switch behaviour {
      case .answer(let probabilities):
        return [
          "label": try Tensor(shape: [1], values: .int64([probabilities[1] > probabilities[0] ? 1 : 0])),
          "probabilities": try Tensor(shape: [1, 2], values: .float32(probabilities)),
        ]
      case .fail:
        throw Failure()
      case .stall:
        try await Task.sleep(for: .seconds(600))
        throw Failure()
      case .ignoreCancellationUntil(let gate):
        await gate.wait()
        throw Failure()
      case .answerWithoutProbabilities:
        return ["label": try Tensor(shape: [1], values: .int64([1]))]
      case .answerWhenOpen(let gate, let probabilities):
        await gate.wait()
        return ["probabilities": try Tensor(shape: [1, 2], values: .float32(probabilities))]
      }
    }
  }

  static let features = [0.012, -0.03, 0.11, 0.0075, -0.002, 0.0041]

  /// A signal carrying `features` in its meta (or none).
  static func signal(features: [Double]? = DirectionForecasterTests.features) -> Signal {
    var signal = TradingFixtures.signal(1)
    if let features {
      for (key, value) in zip(DirectionFeatures.metaKeys, features) { signal.meta[key] = value }
    }
    return signal
  }

  private func forecaster(
    _ predictor: FakePredictor, failureThreshold: Int = 3, timeLimit: Duration = .seconds(30)
  ) -> DirectionForecaster {
    DirectionForecaster(
      model: "direction", predictor: predictor,
      breaker: CircuitBreaker(configuration: .init(failureThreshold: failureThreshold, cooldown: .seconds(3_600))),
      timeLimit: timeLimit)
  }

  @Test func aSignalWithoutFeaturesGetsNoForecast() async {
    let predictor = FakePredictor(.answer(probabilities: [0.25, 0.75]))
    let forecaster = forecaster(predictor)
    #expect(await forecaster.forecast(for: Self.signal(features: nil)) == nil)
    #expect(await forecaster.forecast(for: Self.signal(features: Array(Self.features.prefix(5)))) == nil)
    #expect(forecaster.counts.withoutInput == 2)
    #expect(forecaster.counts.answered == 0)
    #expect(predictor.calls == 0)
  }

  /// Probabilities and 2·p(up) − 1, all exact in binary.
  static let scores: [([Float], Double)] = [
    ([0.25, 0.75], 0.5), ([0.875, 0.125], -0.75), ([0.5, 0.5], 0), ([0, 1], 1),
  ]

  @Test(arguments: scores)
  func theScoreIsTwicePUpMinusOne(probabilities: [Float], score: Double) async throws {
    let predictor = FakePredictor(.answer(probabilities: probabilities))
    let forecaster = forecaster(predictor)
    #expect(await forecaster.forecast(for: Self.signal()) == score)
    #expect(forecaster.counts.answered == 1)
    #expect(forecaster.factor == "ml")
    let request = try #require(predictor.requests.first)
    #expect(request.model == "direction")
    #expect(Array(request.inputs.keys) == ["features"])
    #expect(request.inputs["features"] == (try Tensor(rows: [Self.features.map { Float($0) }])))
  }

  @Test func theSameFeaturesAgainAreAnsweredWithoutAModelCall() async {
    let predictor = FakePredictor(.answer(probabilities: [0.25, 0.75]))
    let forecaster = forecaster(predictor)
    #expect(await forecaster.forecast(for: Self.signal()) == 0.5)
    #expect(await forecaster.forecast(for: Self.signal()) == 0.5)
    #expect(predictor.calls == 1)
    #expect(forecaster.counts.answered == 2)
    #expect(forecaster.counts.reused == 1)
    // Other features (the next bar) are asked again.
    var moved = Self.features
    moved[0] += 0.001
    #expect(await forecaster.forecast(for: Self.signal(features: moved)) == 0.5)
    #expect(predictor.calls == 2)
    #expect(forecaster.counts.reused == 1)
  }

  @Test func failuresOpenTheBreakerAndThenNoCallGoesOut() async {
    let predictor = FakePredictor(.fail)
    let forecaster = forecaster(predictor, failureThreshold: 3)
    for _ in 0..<3 { #expect(await forecaster.forecast(for: Self.signal()) == nil) }
    #expect(predictor.calls == 3)
    #expect(forecaster.breaker.snapshot.state == .open)
    #expect(forecaster.counts.failed == 3)
    #expect(forecaster.counts.lastError == "fake runner is down")

    for _ in 0..<5 { #expect(await forecaster.forecast(for: Self.signal()) == nil) }
    #expect(predictor.calls == 3, "an open breaker makes no call")
    #expect(forecaster.counts.refused == 5)
    #expect(forecaster.breaker.snapshot.refused == 5)
  }

  @Test func aPredictionPastTheTimeLimitIsLeftOut() async {
    let predictor = FakePredictor(.stall)
    let forecaster = forecaster(predictor, failureThreshold: 2, timeLimit: .milliseconds(50))
    #expect(await forecaster.forecast(for: Self.signal()) == nil)
    #expect(forecaster.counts.failed == 1)
    #expect(forecaster.counts.lastError == "no answer within 0.05 seconds")
    #expect(forecaster.breaker.snapshot.consecutiveFailures == 1)
    #expect(await forecaster.forecast(for: Self.signal()) == nil)
    #expect(forecaster.breaker.snapshot.state == .open)
    #expect(predictor.calls == 2)
  }

  /// The in-process scheduler's continuation does not end on cancellation: the time limit must
  /// answer without waiting for the prediction. (The gate opens only after the forecast returns,
  /// so waiting would never end.)
  @Test(.timeLimit(.minutes(1))) func aPredictorThatIgnoresCancellationDoesNotHoldTheDecision() async {
    let gate = FakePredictor.Gate()
    let predictor = FakePredictor(.ignoreCancellationUntil(gate))
    let forecaster = forecaster(predictor, timeLimit: .milliseconds(50))
    #expect(await forecaster.forecast(for: Self.signal()) == nil)
    #expect(forecaster.counts.failed == 1)
    #expect(forecaster.counts.lastError == "no answer within 0.05 seconds")
    gate.open()
  }

  @Test func anAnswerWithoutProbabilitiesIsAFailure() async {
    let predictor = FakePredictor(.answerWithoutProbabilities)
    let forecaster = forecaster(predictor)
    #expect(await forecaster.forecast(for: Self.signal()) == nil)
    #expect(forecaster.counts.failed == 1)
    #expect(forecaster.counts.lastError == "model 'direction' gave no [1, 2] 'probabilities' output")
  }

  @Test func aRowPreparedAtTheBarsCloseIsAnsweredBeforeItsSignalAsks() async {
    let predictor = FakePredictor(.answer(probabilities: [0.25, 0.75]))
    let forecaster = forecaster(predictor)
    forecaster.prepare(features: Self.features, of: "AAPL")
    #expect(await eventually { forecaster.counts.answered == 1 })
    forecaster.prepare(features: Self.features, of: "AAPL")  // already answered: no second call
    #expect(await forecaster.forecast(for: Self.signal()) == 0.5)
    #expect(await forecaster.forecast(for: Self.signal()) == 0.5)
    #expect(predictor.calls == 1)
    #expect(forecaster.counts.reused == 2)
    #expect(predictor.requests.first?.inputs["features"] == (try? Tensor(rows: [Self.features.map { Float($0) }])))
  }

  @Test(.timeLimit(.minutes(1))) func aSignalWaitsForTheCallUnderWayForItsRowRatherThanAskingAgain() async {
    let gate = FakePredictor.Gate()
    let predictor = FakePredictor(.answerWhenOpen(gate, probabilities: [0.875, 0.125]))
    let forecaster = forecaster(predictor)
    forecaster.prepare(features: Self.features, of: "AAPL")
    #expect(await eventually { predictor.calls == 1 })
    let asked = Task { await forecaster.forecast(for: Self.signal()) }
    try? await Task.sleep(for: .milliseconds(20))
    #expect(predictor.calls == 1)
    gate.open()
    #expect(await asked.value == -0.75)
    #expect(predictor.calls == 1)
    #expect(forecaster.counts.answered == 2 && forecaster.counts.reused == 1)
  }

  @Test func aFailedPreparationLeavesTheSignalToAskItself() async {
    let predictor = FakePredictor(.fail)
    let forecaster = forecaster(predictor, failureThreshold: 5)
    forecaster.prepare(features: Self.features, of: "AAPL")
    #expect(await eventually { forecaster.counts.failed == 1 })
    #expect(await forecaster.forecast(for: Self.signal()) == nil)
    #expect(predictor.calls == 2)
    #expect(forecaster.counts.failed == 2 && forecaster.counts.reused == 0)
  }

  @Test func anOpenBreakerPreparesNothingAndCountsEachSignalsRefusalOnce() async {
    let predictor = FakePredictor(.fail)
    let forecaster = forecaster(predictor, failureThreshold: 1)
    #expect(await forecaster.forecast(for: Self.signal()) == nil)
    #expect(forecaster.breaker.snapshot.state == .open)
    for _ in 0..<3 {
      forecaster.prepare(features: Self.features, of: "AAPL")
      #expect(await forecaster.forecast(for: Self.signal()) == nil)
    }
    #expect(predictor.calls == 1, "an open breaker makes no call")
    #expect(forecaster.counts.refused == 3, "one refusal per signal, none for the preparations")
    #expect(forecaster.breaker.snapshot.refused == 3)
  }
}
