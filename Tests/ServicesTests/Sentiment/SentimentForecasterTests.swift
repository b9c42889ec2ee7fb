import Services
import Synchronization
import Testing
import TradingCore

/// The sentiment factor over a reader the test controls.
@Suite struct SentimentForecasterTests {
  /// A reader that answers, fails or stalls, and counts its calls.
  final class FakeReader: SentimentReading {
    enum Behaviour: Sendable {
      case answer(SentimentView)
      case fail
      case stall
    }
    struct Down: Error, CustomStringConvertible {
      var description: String { "sentiment engine is down" }
    }
    let behaviour: Behaviour
    private let calls = Mutex(0)
    init(_ behaviour: Behaviour) { self.behaviour = behaviour }
    var callCount: Int { calls.withLock { $0 } }

    func sentiment(for symbol: String) async throws -> SentimentView {
      calls.withLock { $0 += 1 }
      switch behaviour {
      case .answer(let view): return view
      case .fail: throw Down()
      case .stall:
        try await Task.sleep(for: .seconds(600))
        throw Down()
      }
    }
  }

  private func forecaster(
    _ reader: FakeReader, failures: Int = 3, timeLimit: Duration = .seconds(30), freshness: Duration = .zero
  ) -> SentimentForecaster {
    SentimentForecaster(
      reader: reader, origin: "test",
      breaker: CircuitBreaker(configuration: .init(failureThreshold: failures, cooldown: .seconds(3_600))),
      timeLimit: timeLimit, freshness: freshness)
  }

  static func view(score: Double, confidence: Double, items: Int) -> SentimentView {
    SentimentView(symbol: "AAPL", score: score, confidence: confidence, items: items, updatedAt: nil)
  }

  @Test(arguments: [(0.5, 0.5, 0.25), (-0.75, 1.0, -0.75), (1.0, 0.25, 0.25), (0.0, 0.9, 0.0)])
  func theFactorIsScoreTimesConfidence(score: Double, confidence: Double, expected: Double) async {
    let forecaster = forecaster(FakeReader(.answer(Self.view(score: score, confidence: confidence, items: 3))))
    #expect(await forecaster.forecast(for: TradingFixtures.signal(1)) == expected)
    #expect(forecaster.factor == "sentiment")
    #expect(forecaster.counts.answered == 1)
  }

  @Test func aSymbolWithoutNewsGivesNoView() async {
    let forecaster = forecaster(FakeReader(.answer(Self.view(score: 0, confidence: 0, items: 0))))
    #expect(await forecaster.forecast(for: TradingFixtures.signal(1)) == nil)
    #expect(forecaster.counts.withoutInput == 1)
  }

  @Test func answersAreReusedWhileFresh() async {
    let reader = FakeReader(.answer(Self.view(score: 0.5, confidence: 1, items: 1)))
    let forecaster = forecaster(reader, freshness: .seconds(3_600))
    for index in 1...5 { #expect(await forecaster.forecast(for: TradingFixtures.signal(index)) == 0.5) }
    #expect(reader.callCount == 1)
  }

  @Test func anOutageOpensTheBreakerAndTheFactorStaysOut() async {
    let reader = FakeReader(.fail)
    let forecaster = forecaster(reader, failures: 2)
    for _ in 0..<6 { #expect(await forecaster.forecast(for: TradingFixtures.signal(1)) == nil) }
    #expect(reader.callCount == 2)
    #expect(forecaster.breaker.snapshot.state == .open)
    #expect(forecaster.counts.failed == 2 && forecaster.counts.refused == 4)
    #expect(forecaster.counts.lastError == "sentiment engine is down")
  }

  @Test func aStalledEngineIsLeftOutAfterTheTimeLimit() async {
    let forecaster = forecaster(FakeReader(.stall), timeLimit: .milliseconds(50))
    #expect(await forecaster.forecast(for: TradingFixtures.signal(1)) == nil)
    #expect(forecaster.counts.failed == 1)
    #expect(forecaster.counts.lastError?.contains("no answer within") == true)
  }

  /// A reader whose n-th reading scores n / 10, each after `delay`.
  final class ChangingReader: SentimentReading {
    let delay: Duration
    private let calls = Mutex(0)
    init(delay: Duration = .zero) { self.delay = delay }
    var callCount: Int { calls.withLock { $0 } }

    func sentiment(for symbol: String) async throws -> SentimentView {
      let call = calls.withLock {
        $0 += 1
        return $0
      }
      if delay > .zero { try await Task.sleep(for: delay) }
      return SentimentForecasterTests.view(score: Double(call) / 10, confidence: 1, items: 1)
    }
  }

  @Test func aStaleAnswerIsUsedWhileOneNewReadingRunsInTheBackground() async {
    let reader = ChangingReader(delay: .milliseconds(100))
    let forecaster = SentimentForecaster(
      reader: reader, origin: "test", timeLimit: .seconds(30), freshness: .milliseconds(50), staleLimit: .seconds(3_600)
    )
    #expect(await forecaster.forecast(for: TradingFixtures.signal(1)) == 0.1)
    try? await Task.sleep(for: .milliseconds(80))
    // Past its freshness: every signal gets the kept answer at once, and one reading starts.
    let began = ContinuousClock.now
    for index in 2...6 { #expect(await forecaster.forecast(for: TradingFixtures.signal(index)) == 0.1) }
    #expect(began.duration(to: .now) < .milliseconds(100), "no signal waited for the reading")
    #expect(await eventually { reader.callCount == 2 })
    #expect(await eventually { await forecaster.forecast(for: TradingFixtures.signal(7)) == 0.2 })
    #expect(reader.callCount == 2)
  }

  @Test func anAnswerPastTheStaleLimitIsNotUsed() async {
    let reader = ChangingReader()
    let forecaster = SentimentForecaster(
      reader: reader, origin: "test", timeLimit: .seconds(30), freshness: .milliseconds(10),
      staleLimit: .milliseconds(30))
    #expect(forecaster.staleLimit == .milliseconds(30))
    #expect(await forecaster.forecast(for: TradingFixtures.signal(1)) == 0.1)
    try? await Task.sleep(for: .milliseconds(60))
    #expect(await forecaster.forecast(for: TradingFixtures.signal(2)) == 0.2)
    #expect(reader.callCount == 2)
  }
}
