import Foundation
import Inference
import Testing

/// `tiny_bert_classifier.onnx` and `tiny_bert_expected.json`, which
/// `scripts/make_tiny_bert_model.py` wrote with Hugging Face `tokenizers` and Python onnxruntime.
struct TinyBertFixture: Decodable {
  /// One text: the ids `tokenizers` gave it in the batch of all texts, and the probabilities
  /// onnxruntime gave it (softmax in float32 with numpy), in the model's logit order.
  struct Case: Decodable {
    var text: String
    var inputIDs: [Int64]
    var attentionMask: [Int64]
    var probabilities: [Double]

    enum CodingKeys: String, CodingKey {
      case text, probabilities
      case inputIDs = "input_ids"
      case attentionMask = "attention_mask"
    }
  }

  var onnxruntime: String
  var tokenizers: String
  var maxLength: Int
  var labels: [String]
  var cases: [Case]

  enum CodingKeys: String, CodingKey {
    case onnxruntime, tokenizers, labels, cases
    case maxLength = "max_length"
  }

  var texts: [String] { cases.map(\.text) }

  /// The fixture, read once.
  static func load() throws -> TinyBertFixture { try loaded.get() }

  private static let loaded = Result<TinyBertFixture, any Error> {
    try JSONDecoder().decode(
      TinyBertFixture.self, from: Data(contentsOf: TestVocabulary.fixture("tiny_bert_expected", "json")))
  }

  /// The model file's path.
  static func modelPath() throws -> String {
    try TestVocabulary.fixture("tiny_bert_classifier", "onnx").path
  }

  /// The model loaded on the CPU, one thread.
  static func session() throws -> InferenceSession {
    try InferenceSession(modelPath: modelPath(), runtime: TestRuntime.load())
  }

  /// A copy of the model in a fresh folder, its metadata entries replaced by `metadata`, and
  /// `files` (name → contents) beside it; returns the copy's path.
  static func copyOfModel(
    named name: String = "classifier.onnx", metadata: [(String, String)], files: [String: String] = [:]
  ) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aitrader-finbert-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let model = try Data(contentsOf: URL(fileURLWithPath: modelPath()))
    let path = folder.appendingPathComponent(name)
    try OnnxMetadata.replacing(in: model, with: metadata).write(to: path)
    for (file, contents) in files {
      try Data(contents.utf8).write(to: folder.appendingPathComponent(file))
    }
    return path.path
  }
}
