import Foundation
import Inference

/// Sentiment from a BERT-family sequence classifier exported to ONNX, such as ProsusAI/finbert:
/// texts are tokenized with the model's WordPiece vocabulary, run in batches through a
/// `Predictor`, and the softmax of the `logits` output is read by the model's own labels.
///
/// Exporting ProsusAI/finbert (docs/finbert.md has the details):
///
///     pip install optimum-onnx      # older Optimum releases: pip install "optimum[exporters]"
///     optimum-cli export onnx --model ProsusAI/finbert --task text-classification finbert-onnx/
///
/// The folder then holds `model.onnx`, `config.json` (whose `id2label` names the classes) and
/// `vocab.txt`; build the classifier from `model.onnx` with a `BertTokenizer` of that `vocab.txt`.
/// A model copied elsewhere takes its config along as `config.json` or `<model>.config.json`
/// (see `ClassifierConfig`), unless its `metadata_props` carry `id2label`.
///
/// Inputs: `input_ids`, plus `attention_mask` and `token_type_ids` when the model declares them
/// (DistilBERT-style exports have no token types). Texts are cut to the model's `max_length`
/// metadata entry, else 512, never beyond its `max_position_embeddings`.
///
/// Batching: `score` sends texts in batches of `Options.batchSize`, each padded to its longest
/// text. Through a `BatchScheduler`, the requests of concurrent callers share a model run when
/// their padded lengths are equal; `Options.padding = .maxLength` pads every request to the
/// input length so that all of them can, at the cost of computing on padding.
public struct FinBERTClassifier: SentimentScorer {
  /// How texts are batched and cut.
  public struct Options: Sendable, Hashable {
    /// Texts per model request.
    public var batchSize: Int
    /// The input length, overriding the model's `max_length` (still capped by its positions).
    public var maxLength: Int?
    /// `.longest` (each request to its longest text) or `.maxLength` (every request to the
    /// input length, so that a `BatchScheduler` can stack any two requests).
    public var padding: BertTokenizer.Padding

    public init(batchSize: Int = 32, maxLength: Int? = nil, padding: BertTokenizer.Padding = .longest) {
      precondition(batchSize > 0, "batchSize must be positive")
      precondition(maxLength.map { $0 >= 2 } ?? true, "maxLength must leave room for [CLS] and [SEP]")
      self.batchSize = batchSize
      self.maxLength = maxLength
      self.padding = padding
    }
  }

  public var name: String { "finbert:\(model)" }
  /// The model's name, as requests to the predictor give it.
  public let model: String
  public let tokenizer: BertTokenizer
  public let labels: ClassifierLabels
  /// Tokens per text at most, [CLS] and [SEP] included.
  public let maxLength: Int
  public let options: Options
  private let predictor: any Predictor
  /// The inputs the model declares, besides `input_ids`.
  private let feedsAttentionMask: Bool
  private let feedsTokenTypes: Bool
  private let logitsName: String

  /// A classifier of the model `model` that `predictor` runs, declaring inputs `inputNames` and
  /// output `logitsName`, with classes `labels` and texts cut to `maxLength` tokens. For a model
  /// served elsewhere (the ONNX runner over HTTP); the other initialisers read all this from a
  /// session.
  public init(
    model: String, predictor: any Predictor, inputNames: [String], logitsName: String = "logits",
    labels: ClassifierLabels, maxLength: Int, tokenizer: BertTokenizer, options: Options = Options()
  ) throws(FinBERTError) {
    let known: Set = ["input_ids", "attention_mask", "token_type_ids"]
    guard inputNames.contains("input_ids"), Set(inputNames).isSubset(of: known) else {
      throw .unsupportedInputs(model: model, inputs: inputNames)
    }
    precondition(maxLength >= 2, "maxLength must leave room for [CLS] and [SEP]")
    self.model = model
    self.predictor = predictor
    feedsAttentionMask = inputNames.contains("attention_mask")
    feedsTokenTypes = inputNames.contains("token_type_ids")
    self.logitsName = logitsName
    self.labels = labels
    self.maxLength = maxLength
    self.tokenizer = tokenizer
    self.options = options
  }

  /// A classifier of the model `session` holds, its labels and length read from the model's
  /// metadata or config file (`ClassifierConfig`). Requests go to `predictor` under the name
  /// `model` (by default the file name without `.onnx`, as `ModelManager` names it) — pass a
  /// `BatchScheduler` to batch them with other callers' — or, without one, straight to `session`.
  public init(
    session: InferenceSession, tokenizer: BertTokenizer, predictor: (any Predictor)? = nil, model: String? = nil,
    options: Options = Options()
  ) throws(FinBERTError) {
    let name = model ?? URL(fileURLWithPath: session.modelPath).deletingPathExtension().lastPathComponent
    let config = try ClassifierConfig(metadata: session.metadata.custom, modelPath: session.modelPath)
    try self.init(
      model: name, predictor: predictor ?? SessionPredictor(session: session), inputNames: session.inputs.map(\.name),
      logitsName: try Self.logitsName(of: session, model: name), labels: config.labels,
      maxLength: config.inputLength(requested: options.maxLength), tokenizer: tokenizer, options: options)
  }

  /// A classifier of the model at `modelPath`, loaded into a session of its own with
  /// `sessionOptions`, run without batching across callers.
  public init(
    modelPath: String, runtime: OnnxRuntime, tokenizer: BertTokenizer,
    sessionOptions: SessionOptions = SessionOptions(), options: Options = Options()
  ) throws {
    let session = try InferenceSession(modelPath: modelPath, runtime: runtime, options: sessionOptions)
    try self.init(session: session, tokenizer: tokenizer, options: options)
  }

  public func score(_ texts: [String]) async throws -> [SentimentScores] {
    try await probabilities(texts).map(labels.scores(probabilities:))
  }

  /// The class probabilities of each text, in the model's logit order (`labels.classes`).
  public func probabilities(_ texts: [String]) async throws -> [[Float]] {
    var all: [[Float]] = []
    all.reserveCapacity(texts.count)
    let batchSize = max(1, options.batchSize)
    var start = texts.startIndex
    while start < texts.endIndex {
      let end = min(start + batchSize, texts.endIndex)
      all += try await probabilities(batch: Array(texts[start..<end]))
      start = end
    }
    return all
  }

  /// One request: the texts encoded together, run, and softmaxed.
  private func probabilities(batch texts: [String]) async throws -> [[Float]] {
    let outputs = try await predictor.predict(model: model, inputs: try inputs(for: texts))
    let width = labels.classes.count
    guard let logits = outputs[logitsName], let values = logits.floats, logits.shape == [texts.count, width] else {
      throw FinBERTError.unexpectedLogits(shape: outputs[logitsName]?.shape ?? [], expected: [texts.count, width])
    }
    return Softmax.rows(values, width: width)
  }

  /// The model inputs for `texts`: [batch, sequence] int64 tensors, padded as `options` asks.
  func inputs(for texts: [String]) throws(InferenceError) -> [String: Tensor] {
    let encodings = tokenizer.encodeBatch(texts, maxLength: maxLength, padding: options.padding)
    let shape = [encodings.count, encodings.first?.count ?? 0]
    var inputs = ["input_ids": try Tensor(shape: shape, values: .int64(encodings.flatMap(\.inputIDs)))]
    if feedsAttentionMask {
      inputs["attention_mask"] = try Tensor(shape: shape, values: .int64(encodings.flatMap(\.attentionMask)))
    }
    if feedsTokenTypes {
      inputs["token_type_ids"] = try Tensor(shape: shape, values: .int64(encodings.flatMap(\.tokenTypeIDs)))
    }
    return inputs
  }

  /// `logits` if the model has it, else its only output.
  private static func logitsName(of session: InferenceSession, model: String) throws(FinBERTError) -> String {
    let names = session.outputs.map(\.name)
    if names.contains("logits") { return "logits" }
    guard names.count == 1 else { throw .missingLogits(model: model, outputs: names) }
    return names[0]
  }
}
