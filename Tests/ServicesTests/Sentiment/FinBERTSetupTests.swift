import Foundation
import Sentiment
import Services
import Testing

/// The FinBERT service as configuration builds it: the ONNX classifier when a model is named
/// (its answers equal Python onnxruntime's for the BERT-shaped test model), the lexicon when
/// none is or when the model does not load, and no scorer when neither can be had.
@Suite(.enabled(if: OnnxFixtures.shouldRun)) struct FinBERTSetupTests {
  /// Python's answers for the BERT-shaped model (`Tests/SentimentTests/Fixtures`).
  struct Expected: Decodable {
    struct Case: Decodable {
      var text: String
      var probabilities: [Double]
    }
    var labels: [String]
    var cases: [Case]
  }

  static let sentimentFixtures = OnnxFixtures.repositoryRoot.appendingPathComponent("Tests/SentimentTests/Fixtures")
  static var vendor: URL {
    URL(fileURLWithPath: OnnxFixtures.libraryPath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }

  private func configuration(model: String) -> AITraderConfiguration {
    var configuration = AITraderConfiguration()
    configuration.onnxLibrary = OnnxFixtures.libraryPath
    configuration.onnxProviders = [.cpu]
    configuration.finbertModel = model
    configuration.finbertVocabulary = Self.vendor.appendingPathComponent("tokenizer/vocab.txt").path
    configuration.lexiconPath = Self.vendor.appendingPathComponent("sentiment/LM.csv").path
    return configuration
  }

  @Test func aConfiguredModelScoresAsPythonOnnxruntimeDoes() async throws {
    let model = Self.sentimentFixtures.appendingPathComponent("tiny_bert_classifier.onnx").path
    let service = configuration(model: model).finbertService(logger: quietLogger("finbert"))
    #expect(service.scorer?.name == "finbert:tiny_bert_classifier")
    #expect(service.fallbackReason == nil)
    let expected = try JSONDecoder().decode(
      Expected.self, from: Data(contentsOf: Self.sentimentFixtures.appendingPathComponent("tiny_bert_expected.json")))
    // The service refuses what the classifier alone would score: the fixture's "" and "   ".
    let scorable = expected.cases.filter {
      TextProblem.of($0.text, maximumBytes: service.limits.maximumTextBytes) == nil
    }
    #expect(scorable.count == expected.cases.count - 2)
    let scores = try await service.analyze(scorable.map(\.text))
    #expect(scores.count == scorable.count)
    for (case_, got) in zip(scorable, scores) {
      let byLabel = Dictionary(uniqueKeysWithValues: zip(expected.labels, case_.probabilities))
      #expect(abs(got.positive - byLabel["positive"]!) < 1e-5, "\(case_.text)")
      #expect(abs(got.negative - byLabel["negative"]!) < 1e-5, "\(case_.text)")
      #expect(abs(got.neutral - byLabel["neutral"]!) < 1e-5, "\(case_.text)")
    }
  }

  @Test func aModelThatDoesNotLoadFallsBackToTheLexiconAndSaysWhy() async throws {
    let service = configuration(model: "/nonexistent/finbert.onnx").finbertService(logger: quietLogger("finbert"))
    #expect(service.scorer?.name == "lexicon:loughran-mcdonald")
    #expect(service.fallbackReason?.hasPrefix("/nonexistent/finbert.onnx did not load") == true)
    let health = await service.health()
    #expect(health.status == .ok)
    guard case .string(let model)? = health.details["model"] else {
      Issue.record("\(health.details)")
      return
    }
    #expect(model.contains("/nonexistent/finbert.onnx"))
  }

  @Test func withoutModelAndLexiconThereIsNoScorerAndTheServiceSaysSo() async throws {
    var configuration = configuration(model: "")
    configuration.lexiconPath = "/nonexistent/LM.csv"
    let service = configuration.finbertService(logger: quietLogger("finbert"))
    #expect(service.scorer == nil)
    #expect(await service.health().status == .error)
    await #expect(throws: FinBERTUnavailable.self) { try await service.analyze(["text"]) }
  }
}
