/// Why a BERT sequence classifier cannot serve as the FinBERT scorer, or why it answered
/// something unusable.
public enum FinBERTError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Neither the model's metadata nor a config file next to it names the classes.
  case labelsMissing(model: String, searched: [String])
  /// The classes are not exactly positive, negative and neutral (in any order, any case).
  case unexpectedLabels([String], source: String)
  /// A config (metadata entry or file) is not the JSON it should be.
  case invalidConfiguration(source: String, reason: String)
  /// The model takes an input the classifier cannot fill, or lacks `input_ids`.
  case unsupportedInputs(model: String, inputs: [String])
  /// The model has no `logits` output and more than one output to choose from.
  case missingLogits(model: String, outputs: [String])
  /// The logits came back in a shape other than one row of one value per class for each text.
  case unexpectedLogits(shape: [Int], expected: [Int])

  public var description: String {
    switch self {
    case .labelsMissing(let model, let searched):
      "model \(model) does not name its classes: no id2label in its metadata_props or in "
        + "\(searched.joined(separator: " or ")); export it with its config.json (see docs/finbert.md)"
    case .unexpectedLabels(let labels, let source):
      "the classes in \(source) are \(labels); a FinBERT classifier has exactly positive, negative and neutral"
    case .invalidConfiguration(let source, let reason):
      "\(source) is not a usable classifier config: \(reason)"
    case .unsupportedInputs(let model, let inputs):
      "model \(model) takes \(inputs.joined(separator: ", ")); a BERT classifier takes input_ids and optionally "
        + "attention_mask and token_type_ids"
    case .missingLogits(let model, let outputs):
      "model \(model) has no 'logits' output; its outputs are \(outputs.joined(separator: ", "))"
    case .unexpectedLogits(let shape, let expected):
      "the model returned logits of shape \(shape), expected \(expected)"
    }
  }
}
