import Foundation
import Inference
import Services
import Testing
import TradingCore

/// The ML factor against a real runner over HTTP: the runner goes away, the breaker opens and
/// `/api/status` says degraded; it comes back on the same port, and after the cool-down the
/// factor is back and the breaker closed.
@Suite(.enabled(if: OnnxFixtures.shouldRun, "ONNX Runtime is installed on Linux x86_64 only"), .timeLimit(.minutes(2)))
struct OnnxRunnerCircuitTests {
  @Test func theBreakerOpensWhileTheRunnerIsDownAndClosesWhenItReturns() async throws {
    let fixture = try OnnxFixtures.predictions()
    let folder = try OnnxFixtures.modelFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let runner = await OnnxFixtures.runner(libraryPath: try OnnxFixtures.requireLibrary(), modelDirectory: folder)
    var server = try await RunningOnnxRunner.start(runner)
    let port = server.port
    let url = "http://127.0.0.1:\(port)"
    let forecaster = DirectionForecaster(
      model: "direction",
      predictor: HTTPPredictor(
        baseURL: url, client: ResilientHTTPClient(policy: .init(timeout: .seconds(10), attempts: 1))),
      breaker: CircuitBreaker(configuration: .init(failureThreshold: 2, cooldown: .milliseconds(200))),
      timeLimit: .seconds(10))
    let health = OnnxRunnerHealth(runner: nil, forecaster: forecaster, remoteURL: url)

    // Fixture row 2 as a signal's features; Python's p(up) gives the expected score.
    let signal = DirectionForecasterTests.signal(features: fixture.inputs[2].map { Double($0) })
    let expected = Double(2 * fixture.probabilities[2][1] - 1)
    let answered = try #require(await forecaster.forecast(for: signal))
    #expect(abs(answered - expected) <= 2e-6, "\(answered) vs \(expected)")
    #expect(await health.health().status == .ok)

    // The same features again are answered from the last answer, without the runner.
    try await server.stop()
    #expect(await forecaster.forecast(for: signal) == answered)
    #expect(forecaster.counts.reused == 1)
    // New features (the next bars) need the runner, which is down.
    func signalWith(row: Int) -> Signal {
      DirectionForecasterTests.signal(features: fixture.inputs[row].map { Double($0) })
    }
    #expect(await forecaster.forecast(for: signalWith(row: 3)) == nil)
    #expect(forecaster.breaker.snapshot.state == .closed, "one failure is below the threshold")
    #expect(await forecaster.forecast(for: signalWith(row: 4)) == nil)
    #expect(forecaster.breaker.snapshot.state != .closed)
    #expect(forecaster.breaker.snapshot.opened == 1)
    #expect(forecaster.counts.failed == 2)
    let degraded = await health.health()
    #expect(degraded.status == .degraded)
    #expect(degraded.details["url"] == .string(url))
    #expect(degraded.details["ml_factor"].flatMap { $0.member("circuit") } != "closed")

    server = try await RunningOnnxRunner.start(runner, port: port)
    #expect(server.port == port)
    try await Task.sleep(for: .milliseconds(300))
    let recovered = try #require(await forecaster.forecast(for: signalWith(row: 5)), "\(forecaster.counts)")
    #expect(abs(recovered - Double(2 * fixture.probabilities[5][1] - 1)) <= 2e-6)
    #expect(forecaster.breaker.snapshot.state == .closed)
    #expect(forecaster.counts.answered == 3)
    #expect(forecaster.counts.reused == 1)
    let healthy = await health.health()
    #expect(healthy.status == .ok)
    #expect(healthy.details["ml_factor"].flatMap { $0.member("circuit") } == "closed")
    try await server.stop()
  }
}
