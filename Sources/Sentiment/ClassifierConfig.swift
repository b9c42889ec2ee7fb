import Foundation

/// What a BERT classifier export says about itself: the names of its classes and how long an
/// input it takes.
///
/// Looked for in the model's `metadata_props` first — an `id2label` entry (JSON), a `max_length`
/// entry, or a whole Hugging Face `config` entry (JSON) — then in a config file beside the model:
/// `<model>.config.json` (`finbert.config.json` beside `finbert.onnx`, so that one folder can hold
/// several models), else `config.json` (what `optimum-cli export onnx` writes beside `model.onnx`).
/// A Hugging Face config gives `id2label` and `max_position_embeddings`, the most positions the
/// model has, which caps the input length.
public struct ClassifierConfig: Sendable, Hashable {
  /// The input length used when the model says nothing: BERT base's 512 positions.
  public static let defaultMaxLength = 512

  public let labels: ClassifierLabels
  /// Where the labels were read, for logs: a metadata key or a file path.
  public let labelsSource: String
  /// The `max_length` metadata entry, if any.
  public let maxLength: Int?
  /// The model's `max_position_embeddings`, if a config gives it.
  public let maxPositions: Int?

  public init(labels: ClassifierLabels, labelsSource: String, maxLength: Int? = nil, maxPositions: Int? = nil) {
    self.labels = labels
    self.labelsSource = labelsSource
    self.maxLength = maxLength
    self.maxPositions = maxPositions
  }

  /// The config of the model at `modelPath`, whose metadata entries are `metadata`.
  public init(metadata: [String: String], modelPath: String) throws(FinBERTError) {
    let embedded = try metadata["config"].map { json throws(FinBERTError) in
      try HuggingFaceConfig(Data(json.utf8), source: "metadata_props config")
    }
    let fileURL = Self.configFiles(beside: modelPath).first { FileManager.default.fileExists(atPath: $0.path) }
    let file = try fileURL.map { url throws(FinBERTError) in
      guard let data = FileManager.default.contents(atPath: url.path) else {
        throw .invalidConfiguration(source: url.path, reason: "the file cannot be read")
      }
      return try HuggingFaceConfig(data, source: url.path)
    }
    if let json = metadata["id2label"] {
      labelsSource = "metadata_props id2label"
      labels = try ClassifierLabels(json: json, source: labelsSource)
    } else if let embedded, let id2label = embedded.id2label {
      labelsSource = "metadata_props config"
      labels = try ClassifierLabels(id2label: id2label, source: labelsSource)
    } else if let file, let fileURL, let id2label = file.id2label {
      labelsSource = fileURL.path
      labels = try ClassifierLabels(id2label: id2label, source: labelsSource)
    } else {
      throw .labelsMissing(model: modelPath, searched: Self.configFiles(beside: modelPath).map(\.path))
    }
    maxLength = try metadata["max_length"].map { text throws(FinBERTError) in
      guard let length = Int(text), length >= 2 else {
        throw .invalidConfiguration(source: "metadata_props max_length", reason: "'\(text)' is not a length ≥ 2")
      }
      return length
    }
    maxPositions = embedded?.maxPositions ?? file?.maxPositions
  }

  /// The length texts are cut to: `requested` if given, else the metadata's `max_length`, else
  /// 512; never more than the model's positions.
  public func inputLength(requested: Int? = nil) -> Int {
    min(requested ?? maxLength ?? Self.defaultMaxLength, maxPositions ?? .max)
  }

  /// Where a config file for the model at `modelPath` may be, in the order they are tried.
  public static func configFiles(beside modelPath: String) -> [URL] {
    let model = URL(fileURLWithPath: modelPath)
    let folder = model.deletingLastPathComponent()
    return [
      folder.appendingPathComponent(model.deletingPathExtension().lastPathComponent + ".config.json"),
      folder.appendingPathComponent("config.json"),
    ]
  }

  /// `data` parsed as JSON.
  static func jsonObject(_ data: Data, source: String) throws(FinBERTError) -> Any {
    do {
      return try JSONSerialization.jsonObject(with: data)
    } catch {
      throw .invalidConfiguration(source: source, reason: "not JSON (\(error.localizedDescription))")
    }
  }
}

/// The parts of a Hugging Face `config.json` a classifier reads.
private struct HuggingFaceConfig {
  var id2label: [String: String]?
  var maxPositions: Int?

  init(_ data: Data, source: String) throws(FinBERTError) {
    guard let object = try ClassifierConfig.jsonObject(data, source: source) as? [String: Any] else {
      throw .invalidConfiguration(source: source, reason: "not a JSON object")
    }
    if let labels = object["id2label"] {
      guard let map = labels as? [String: String] else {
        throw .invalidConfiguration(source: source, reason: "id2label is not an object of strings")
      }
      id2label = map
    }
    if let positions = object["max_position_embeddings"] {
      guard let count = positions as? Int, count >= 2 else {
        throw .invalidConfiguration(source: source, reason: "max_position_embeddings is not a length ≥ 2")
      }
      maxPositions = count
    }
  }
}
