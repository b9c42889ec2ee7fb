import TradingCore

/// A `Signal` as the fields of a `signals:global` entry (DESIGN.md §4), all strings:
///
/// | field | text |
/// |---|---|
/// | `id` | the signal's ULID, 26 characters |
/// | `symbol` | as is, not empty |
/// | `score` | a decimal number in [-1, 1] |
/// | `timestamp` | integer nanoseconds since the epoch (exact, unlike a float of seconds) |
/// | `meta` | a JSON object of numbers, keys sorted; non-finite numbers as `"NaN"`, `"Infinity"`, `"-Infinity"` |
/// | `source` | what produced the signal, not empty |
///
/// `source` is not among the fields DESIGN.md lists but is part of a `Signal`; it travels as its
/// own field so that `meta` stays a plain map of figures.
extension Signal {
  /// The fields of the signal's `signals:global` entry, in the format of the table above.
  public var busFields: [String: String] {
    [
      "id": id.description,
      "symbol": symbol,
      "score": String(score),
      "timestamp": String(timestamp.nanosecondsSinceEpoch),
      "meta": FlatNumberObject.text(meta),
      "source": source,
    ]
  }

  /// Decodes the fields of a `signals:global` entry. Throws for a missing or empty field, an id
  /// that is not a ULID, a score that is not a finite number in [-1, 1], a timestamp that is not
  /// an integer, and a meta that is not a JSON object of numbers. A score outside the range is
  /// rejected rather than clamped: it means a broken producer, and clamping would hide it.
  public init(busFields fields: [String: String]) throws(BusFieldError) {
    let idText = try fields.requiredField("id")
    guard let id = TimeSortableID(idText) else {
      throw .invalidField(name: "id", value: idText, reason: "not a 26-character ULID")
    }
    let scoreText = try fields.requiredField("score")
    guard let score = Double(scoreText), score.isFinite else {
      throw .invalidField(name: "score", value: scoreText, reason: "not a finite number")
    }
    guard (-1...1).contains(score) else {
      throw .invalidField(name: "score", value: scoreText, reason: "outside [-1, 1]")
    }
    let timestampText = try fields.requiredField("timestamp")
    guard let nanoseconds = Int64(timestampText) else {
      throw .invalidField(name: "timestamp", value: timestampText, reason: "not integer nanoseconds since the epoch")
    }
    self.init(
      id: id, symbol: try fields.requiredField("symbol"), score: score,
      timestamp: Timestamp(nanosecondsSinceEpoch: nanoseconds), source: try fields.requiredField("source"),
      meta: try Signal.meta(fromText: fields.requiredField("meta")))
  }

  private static func meta(fromText text: String) throws(BusFieldError) -> [String: Double] {
    guard let meta = FlatNumberObject.parse(text) else {
      throw .invalidField(name: "meta", value: text, reason: "not a JSON object of numbers")
    }
    return meta
  }
}

extension Signal {
  /// The signal of a `signals:global` message: the value it carries when a bus in this process
  /// handed one over, else decoded from its fields (`init(busFields:)`).
  public init(busMessage message: BusMessage) throws(BusFieldError) {
    if let carried = message.carried as? Signal {
      self = carried
    } else {
      try self.init(busFields: message.fields)
    }
  }
}
