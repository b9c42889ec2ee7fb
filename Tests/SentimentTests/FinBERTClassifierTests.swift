import Foundation
import Inference
import Synchronization
import Testing

@testable import Sentiment

/// The FinBERT classifier on a BERT-shaped model with fixed random weights: the same ids and the
/// same probabilities as Hugging Face `tokenizers` and Python onnxruntime, labels read from the
/// model or its config and checked, batches through a `BatchScheduler` kept apart per caller.
@Suite(.enabled(if: TestRuntime.shouldRun, "ONNX Runtime is installed on Linux x86_64 only"))
struct FinBERTClassifierTests {
  let fixture: TinyBertFixture
  let session: InferenceSession
  let tokenizer: BertTokenizer

  init() throws {
    fixture = try TinyBertFixture.load()
    session = try TinyBertFixture.session()
    tokenizer = try TestVocabulary.tokenizer()
  }

  /// Whether `actual` is the fixture's probabilities for case `index`, within 1e-5 each.
  func matches(_ actual: [Float], case index: Int) -> Bool {
    let expected = fixture.cases[index].probabilities
    return actual.count == expected.count && zip(actual, expected).allSatisfy { abs(Double($0) - $1) <= 1e-5 }
  }

  /// Whether `scores` are the fixture's probabilities for case `index` under `labels`.
  func matches(_ scores: SentimentScores, case index: Int, labels: ClassifierLabels) -> Bool {
    let expected = fixture.cases[index].probabilities
    return abs(scores.positive - expected[labels.index(of: .positive)]) <= 1e-5
      && abs(scores.negative - expected[labels.index(of: .negative)]) <= 1e-5
      && abs(scores.neutral - expected[labels.index(of: .neutral)]) <= 1e-5
  }

  @Test func tokenIDsEqualHuggingFaceTokenizers() throws {
    let encodings = tokenizer.encodeBatch(fixture.texts, maxLength: fixture.maxLength, padding: .longest)
    for (encoding, expected) in zip(encodings, fixture.cases) {
      #expect(encoding.inputIDs == expected.inputIDs, "\(expected.text)")
      #expect(encoding.attentionMask == expected.attentionMask, "\(expected.text)")
    }
    // What the classifier feeds the model: the same ids, one [batch, sequence] tensor each.
    let classifier = try FinBERTClassifier(session: session, tokenizer: tokenizer)
    let inputs = try classifier.inputs(for: fixture.texts)
    #expect(inputs["input_ids"]?.shape == [fixture.cases.count, 64])
    #expect(inputs["input_ids"]?.integers == fixture.cases.flatMap(\.inputIDs))
    #expect(inputs["attention_mask"]?.integers == fixture.cases.flatMap(\.attentionMask))
    #expect(inputs["token_type_ids"]?.integers?.allSatisfy { $0 == 0 } == true)
  }

  /// In one batch (the fixture's own padding), one text at a time, and in batches of 7: padding
  /// is masked out, so every text gets onnxruntime's probabilities however it is batched.
  @Test(arguments: [64, 1, 7])
  func probabilitiesEqualPythonOnnxRuntime(batchSize: Int) async throws {
    let classifier = try FinBERTClassifier(
      session: session, tokenizer: tokenizer, options: .init(batchSize: batchSize))
    let probabilities = try await classifier.probabilities(fixture.texts)
    try #require(probabilities.count == fixture.cases.count)
    for index in fixture.cases.indices {
      #expect(matches(probabilities[index], case: index), "\(fixture.cases[index].text): \(probabilities[index])")
    }
    let scores = try await classifier.score(fixture.texts)
    for index in fixture.cases.indices {
      #expect(matches(scores[index], case: index, labels: classifier.labels), "\(fixture.cases[index].text)")
    }
  }

  @Test func labelsAndLengthComeFromTheModelMetadata() throws {
    let classifier = try FinBERTClassifier(session: session, tokenizer: tokenizer)
    #expect(classifier.labels == .finBERT)
    #expect(classifier.labels.classes.map(\.rawValue) == fixture.labels)
    #expect(classifier.maxLength == 64)
    #expect(classifier.name == "finbert:tiny_bert_classifier")
    let config = try ClassifierConfig(metadata: session.metadata.custom, modelPath: session.modelPath)
    #expect(config.labelsSource == "metadata_props id2label")
    #expect(config.maxLength == 64 && config.maxPositions == nil)
  }

  @Test func emptyTextIsClassifierAndSeparatorAlone() async throws {
    #expect(tokenizer.encode("").inputIDs == [101, 102])
    let index = try #require(fixture.cases.firstIndex { $0.text.isEmpty })
    let classifier = try FinBERTClassifier(session: session, tokenizer: tokenizer)
    let probabilities = try await classifier.probabilities([""])
    #expect(matches(probabilities[0], case: index))
    #expect(try await classifier.score([]) == [])
  }

  @Test func aModelWithoutLabelsIsRefused() throws {
    let path = try TinyBertFixture.copyOfModel(metadata: [("max_length", "64")])
    let stripped = try InferenceSession(modelPath: path, runtime: TestRuntime.load())
    #expect(stripped.metadata.custom == ["max_length": "64"])
    let error = try #require(throws: FinBERTError.self) {
      try FinBERTClassifier(session: stripped, tokenizer: tokenizer)
    }
    guard case .labelsMissing(let model, let searched) = error else {
      Issue.record("expected labelsMissing, got \(error)")
      return
    }
    #expect(model == path)
    #expect(searched.map { URL(fileURLWithPath: $0).lastPathComponent } == ["classifier.config.json", "config.json"])
  }

  @Test(arguments: [
    #"{"0": "LABEL_0", "1": "LABEL_1", "2": "LABEL_2"}"#,
    #"{"0": "positive", "1": "negative"}"#,
    #"{"0": "positive", "1": "negative", "2": "positive"}"#,
    #"{"0": "positive", "1": "negative", "2": "neutral", "3": "mixed"}"#,
    #"{"0": "bullish", "1": "bearish", "2": "neutral"}"#,
  ])
  func labelsOtherThanFinBERTsAreRefused(id2label: String) throws {
    let path = try TinyBertFixture.copyOfModel(metadata: [("id2label", id2label)])
    let session = try InferenceSession(modelPath: path, runtime: TestRuntime.load())
    let error = try #require(throws: FinBERTError.self) {
      try FinBERTClassifier(session: session, tokenizer: tokenizer)
    }
    guard case .unexpectedLabels(_, let source) = error else {
      Issue.record("expected unexpectedLabels, got \(error)")
      return
    }
    #expect(source == "metadata_props id2label")
  }

  @Test func malformedLabelsAreRefusedWithTheReason() throws {
    for (json, reason) in [
      (#"["positive", "negative", "neutral"]"#, "not an object of strings"),
      (#"{"1": "positive", "2": "negative", "3": "neutral"}"#, "expected 0 to 2"),
      ("{not json", "not JSON"),
    ] {
      let error = try #require(throws: FinBERTError.self) { try ClassifierLabels(json: json, source: "test") }
      guard case .invalidConfiguration(_, let message) = error else {
        Issue.record("expected invalidConfiguration for \(json), got \(error)")
        continue
      }
      #expect(message.contains(reason), "\(message)")
    }
  }

  /// Names in any case and any order: the scores follow the model's own order.
  @Test func labelsFromAConfigFileBesideTheModelSetTheOrder() async throws {
    let config = #"{"id2label": {"0": "Negative", "1": "NEUTRAL", "2": "positive"}, "max_position_embeddings": 64}"#
    let path = try TinyBertFixture.copyOfModel(metadata: [], files: ["config.json": config])
    let session = try InferenceSession(modelPath: path, runtime: TestRuntime.load())
    let classifier = try FinBERTClassifier(session: session, tokenizer: tokenizer)
    #expect(classifier.labels.classes == [.negative, .neutral, .positive])
    #expect(classifier.maxLength == 64)
    let scores = try await classifier.score(fixture.texts)
    for index in fixture.cases.indices {
      #expect(matches(scores[index], case: index, labels: classifier.labels), "\(fixture.cases[index].text)")
      #expect(abs(scores[index].negative - fixture.cases[index].probabilities[0]) <= 1e-5)
    }
  }

  @Test func aModelSpecificConfigFileComesBeforeTheFoldersAndMetadataBeforeBoth() throws {
    let own = #"{"id2label": {"0": "neutral", "1": "negative", "2": "positive"}, "max_position_embeddings": 48}"#
    let folder = #"{"id2label": {"0": "LABEL_0"}}"#
    let path = try TinyBertFixture.copyOfModel(
      named: "finbert.onnx", metadata: [], files: ["finbert.config.json": own, "config.json": folder])
    let config = try ClassifierConfig(metadata: [:], modelPath: path)
    #expect(config.labels.classes == [.neutral, .negative, .positive])
    #expect(config.labelsSource.hasSuffix("/finbert.config.json"))
    #expect(config.inputLength() == 48 && config.inputLength(requested: 16) == 16)
    let withMetadata = try ClassifierConfig(
      metadata: ["id2label": #"{"0": "positive", "1": "negative", "2": "neutral"}"#, "max_length": "32"],
      modelPath: path)
    #expect(withMetadata.labels == .finBERT && withMetadata.inputLength() == 32)
  }

  /// A whole Hugging Face config in the metadata: its labels, and its positions cap the length.
  @Test func aConfigInTheMetadataGivesLabelsAndCapsTheLength() async throws {
    let config = #"{"id2label": {"0": "positive", "1": "negative", "2": "neutral"}, "max_position_embeddings": 32}"#
    let path = try TinyBertFixture.copyOfModel(metadata: [("config", config)])
    let session = try InferenceSession(modelPath: path, runtime: TestRuntime.load())
    let classifier = try FinBERTClassifier(session: session, tokenizer: tokenizer)
    #expect(classifier.labels == .finBERT && classifier.maxLength == 32)
    let long = try #require(fixture.cases.firstIndex { $0.text.count > 300 })
    let inputs = try classifier.inputs(for: [fixture.cases[long].text])
    #expect(inputs["input_ids"]?.shape == [1, 32])
    // The first 31 tokens, then [SEP].
    #expect(inputs["input_ids"]?.integers == Array(fixture.cases[long].inputIDs.prefix(31)) + [102])
    _ = try await classifier.score([fixture.cases[long].text])
  }

  /// Many callers at once, one text each, through the runner's batch scheduler: padded to the
  /// input length, their requests stack, and each caller still gets its own text's answer.
  @Test func concurrentCallersThroughABatchSchedulerGetTheirOwnTexts() async throws {
    let session = session
    let scheduler = BatchScheduler(configuration: .init(maxBatchRows: 32, maxWait: .milliseconds(5))) { _ in session }
    let classifier = try FinBERTClassifier(
      session: session, tokenizer: tokenizer, predictor: scheduler, options: .init(padding: .maxLength))
    let callers = Array(fixture.cases.indices) + Array(fixture.cases.indices) + Array(fixture.cases.indices)
    let answers = try await withThrowingTaskGroup(of: (Int, SentimentScores).self) { group in
      for (caller, index) in callers.enumerated() {
        let text = fixture.cases[index].text
        group.addTask { (caller, try await classifier.score([text])[0]) }
      }
      return try await group.reduce(into: [Int: SentimentScores]()) { $0[$1.0] = $1.1 }
    }
    for (caller, index) in callers.enumerated() {
      let scores = try #require(answers[caller])
      #expect(matches(scores, case: index, labels: classifier.labels), "\(fixture.cases[index].text)")
    }
    let figures = try #require(await scheduler.figures["tiny_bert_classifier"])
    #expect(figures.requests == callers.count && figures.rows == callers.count)
    #expect(figures.largestBatchRows > 1, "\(figures)")
  }

  /// A DistilBERT-style export has no token types: the classifier feeds only what the model takes.
  @Test func onlyTheInputsTheModelDeclaresAreFed() async throws {
    let predictor = RecordingPredictor(logits: [0, Float(log(2.0)), 0])
    let classifier = try FinBERTClassifier(
      model: "distil", predictor: predictor, inputNames: ["input_ids", "attention_mask"], labels: .finBERT,
      maxLength: 16, tokenizer: tokenizer, options: .init(batchSize: 2))
    let scores = try await classifier.score(["gains", "losses ahead", "flat"])
    #expect(
      predictor.requests.map { Set($0.keys) } == [["input_ids", "attention_mask"], ["input_ids", "attention_mask"]])
    #expect(predictor.requests.map { $0["input_ids"]?.shape } == [[2, 4], [1, 3]])
    for score in scores {
      #expect(abs(score.positive - 0.25) < 1e-6 && abs(score.negative - 0.5) < 1e-6 && abs(score.neutral - 0.25) < 1e-6)
    }
    #expect(throws: FinBERTError.self) {
      try FinBERTClassifier(
        model: "odd", predictor: predictor, inputNames: ["input_ids", "position_ids"], labels: .finBERT, maxLength: 16,
        tokenizer: tokenizer)
    }
  }

  @Test func logitsOfTheWrongShapeAreAnError() async throws {
    let predictor = RecordingPredictor(logits: [0, 1])
    let classifier = try FinBERTClassifier(
      model: "two-class", predictor: predictor, inputNames: ["input_ids"], labels: .finBERT, maxLength: 16,
      tokenizer: tokenizer)
    await #expect(throws: FinBERTError.unexpectedLogits(shape: [1, 2], expected: [1, 3])) {
      try await classifier.score(["text"])
    }
  }

  @Test func softmaxIsStableForLargeLogits() {
    let rows = Softmax.rows([1000, 0, -1000, 88, 89, 90], width: 3)
    #expect(rows[0] == [1, 0, 0])
    #expect(rows[1].allSatisfy(\.isFinite) && abs(rows[1].reduce(0, +) - 1) < 1e-6 && rows[1][2] > rows[1][1])
  }
}

/// A predictor that records each request and answers every row with the same logits.
private final class RecordingPredictor: Predictor {
  let logits: [Float]
  private let seen = Mutex<[[String: Tensor]]>([])

  init(logits: [Float]) {
    self.logits = logits
  }

  var requests: [[String: Tensor]] { seen.withLock { $0 } }

  func predict(model: String, inputs: [String: Tensor]) async throws -> [String: Tensor] {
    seen.withLock { $0.append(inputs) }
    let rows = inputs["input_ids"]?.rowCount ?? 0
    let values = Array((0..<rows).map { _ in logits }.joined())
    return ["logits": try Tensor(shape: [rows, logits.count], values: .float32(values))]
  }
}
