import Foundation

/// Which logit of a sentiment classifier is which class, from the model's `id2label`.
///
/// Exports name their classes in their own order — ProsusAI/finbert's is positive, negative,
/// neutral — so the classifier never assumes one. Only a model with exactly FinBERT's three
/// classes is accepted (names compared without regard to case); a model with generic names
/// (`LABEL_0`) or other classes is refused rather than guessed at.
public struct ClassifierLabels: Sendable, Hashable {
  /// The class of each logit, by index.
  public let classes: [SentimentScores.Label]

  /// ProsusAI/finbert's order.
  public static let finBERT = ClassifierLabels(validClasses: [.positive, .negative, .neutral])

  private init(validClasses: [SentimentScores.Label]) {
    classes = validClasses
  }

  /// The labels of logits 0, 1, 2 in that order; `source` names where they came from, for errors.
  public init(names: [String], source: String) throws(FinBERTError) {
    let classes = names.compactMap { SentimentScores.Label(rawValue: $0.lowercased()) }
    guard classes.count == names.count, Set(classes) == Set(SentimentScores.Label.allCases),
      classes.count == SentimentScores.Label.allCases.count
    else {
      throw .unexpectedLabels(names, source: source)
    }
    self.classes = classes
  }

  /// The labels of a Hugging Face `id2label` map: ids "0", "1", "2" to class names.
  public init(id2label: [String: String], source: String) throws(FinBERTError) {
    var names: [String] = []
    for index in 0..<id2label.count {
      guard let name = id2label[String(index)] else {
        throw .invalidConfiguration(
          source: source, reason: "id2label ids are \(id2label.keys.sorted()), expected 0 to \(id2label.count - 1)")
      }
      names.append(name)
    }
    try self.init(names: names, source: source)
  }

  /// The labels of `json`, an `id2label` object such as `{"0": "positive", "1": "negative", "2": "neutral"}`.
  public init(json: String, source: String) throws(FinBERTError) {
    let object = try ClassifierConfig.jsonObject(Data(json.utf8), source: source)
    guard let map = object as? [String: String] else {
      throw .invalidConfiguration(source: source, reason: "id2label is not an object of strings")
    }
    try self.init(id2label: map, source: source)
  }

  /// The scores for one text from its class probabilities, in logit order.
  public func scores(probabilities: [Float]) -> SentimentScores {
    var byClass: [SentimentScores.Label: Double] = [:]
    for (label, probability) in zip(classes, probabilities) { byClass[label] = Double(probability) }
    return SentimentScores(
      positive: byClass[.positive] ?? 0, negative: byClass[.negative] ?? 0, neutral: byClass[.neutral] ?? 0)
  }

  /// The logit index of `label`.
  public func index(of label: SentimentScores.Label) -> Int { classes.firstIndex(of: label)! }
}
