/// Why one JSONL line is not a news item. `reason` is a short label for metrics and for
/// `NewsFetch.skipped`.
public enum JSONLNewsError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The line is not one JSON object.
  case malformedJSON
  /// `title` is missing, not a string, or empty.
  case missingTitle
  /// Neither `published_at` nor any alias of it is present.
  case missingTimestamp
  /// `published_at` is present but is neither an ISO 8601 date nor epoch seconds.
  case badTimestamp(String)
  /// Neither a non-empty `symbols` array nor a `symbol` string is present.
  case missingSymbols
  /// A field has the wrong JSON type (`symbols` a number, `url` an object, …).
  case wrongType(field: String)

  /// `malformed_json`, `missing_title`, `missing_timestamp`, `bad_timestamp`, `missing_symbols` or
  /// `wrong_type`.
  public var reason: String {
    switch self {
    case .malformedJSON: "malformed_json"
    case .missingTitle: "missing_title"
    case .missingTimestamp: "missing_timestamp"
    case .badTimestamp: "bad_timestamp"
    case .missingSymbols: "missing_symbols"
    case .wrongType: "wrong_type"
    }
  }

  public var description: String {
    switch self {
    case .malformedJSON: "the line is not a JSON object"
    case .missingTitle: "`title` is missing or empty"
    case .missingTimestamp: "`published_at` is missing"
    case .badTimestamp(let text):
      "`published_at` \(text) is neither ISO 8601 (2026-11-25T17:00:00Z) nor epoch seconds"
    case .missingSymbols: "neither `symbols` (an array) nor `symbol` is given"
    case .wrongType(let field): "`\(field)` has the wrong type"
    }
  }
}
