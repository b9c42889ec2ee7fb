import TradingCore

/// The JSONL news format: one JSON object per line, as the market generator writes it and as
/// `JSONLNewsSource` reads it.
///
/// ```
/// {"title":"Apple beats estimates","summary":"…","url":"https://…","publisher":"Reuters","published_at":"2026-11-25T17:00:00Z","symbols":["AAPL"]}
/// ```
///
/// Reading is lenient where hand-written files differ harmlessly: `published_at` may be epoch
/// seconds, `symbol` (one string) may stand for `symbols`, `source` for `publisher`.
public enum JSONLNews {
  /// One line (without its newline) for `item`; `url` is left out when nil. The provider is not
  /// written: it is whoever reads the line back.
  public static func encode(_ item: NewsItem) -> String {
    var fields = ["\"title\":\(JSONText.quoted(item.title))", "\"summary\":\(JSONText.quoted(item.summary))"]
    if let url = item.url { fields.append("\"url\":\(JSONText.quoted(url))") }
    fields.append("\"publisher\":\(JSONText.quoted(item.publisher))")
    fields.append("\"published_at\":\(JSONText.quoted(item.publishedAt.iso8601))")
    fields.append("\"symbols\":[\(item.symbols.map(JSONText.quoted).joined(separator: ","))]")
    return "{\(fields.joined(separator: ","))}"
  }

  /// The item one line describes, attributed to `provider`. Symbols are upper-cased; a missing
  /// publisher is `unknown`; an empty `url` is nil.
  public static func decode(line: String, provider: String) throws(JSONLNewsError) -> NewsItem {
    guard let object = JSONValue.parse(line.utf8)?.object else { throw .malformedJSON }
    guard let title = object["title"]?.nonEmptyString else { throw .missingTitle }
    let summary = try optionalString(object, "summary")
    let url = try optionalString(object, "url")
    let publisher = try optionalString(object, "publisher")
    let source = try optionalString(object, "source")
    return NewsItem(
      title: title, summary: summary ?? "", url: url, publisher: publisher ?? source ?? "unknown",
      provider: provider, publishedAt: try publishedAt(object), symbols: try symbols(object))
  }

  private static func optionalString(_ object: [String: JSONValue], _ field: String) throws(JSONLNewsError)
    -> String?
  {
    switch object[field] {
    case nil, .null?: return nil
    case .string(let text)?:
      let trimmed = text.trimmingASCIISpaces
      return trimmed.isEmpty ? nil : String(trimmed)
    default: throw .wrongType(field: field)
    }
  }

  private static func publishedAt(_ object: [String: JSONValue]) throws(JSONLNewsError) -> Timestamp {
    switch object["published_at"] {
    case nil, .null?: throw .missingTimestamp
    case .string(let text)?:
      guard let timestamp = NewsTimestamp.iso8601(text) else { throw .badTimestamp(text) }
      return timestamp
    case .integer(let seconds)?:
      guard let timestamp = epochSeconds(Double(seconds), exact: seconds) else { throw .badTimestamp("\(seconds)") }
      return timestamp
    case .number(let seconds)?:
      guard let timestamp = epochSeconds(seconds, exact: nil) else { throw .badTimestamp("\(seconds)") }
      return timestamp
    default: throw .wrongType(field: "published_at")
    }
  }

  /// Epoch seconds from 1970 up to the year 2200; anything else is more likely milliseconds or a typo.
  private static func epochSeconds(_ seconds: Double, exact: Int64?) -> Timestamp? {
    guard seconds.isFinite, seconds >= 0, seconds < 7_258_118_400 else { return nil }
    if let exact { return Timestamp(secondsSinceEpoch: exact) }
    // Whole and fractional seconds apart: the product with 1e9 would round to 256 ns.
    let whole = seconds.rounded(.down)
    return Timestamp(secondsSinceEpoch: Int64(whole)).adding(nanoseconds: Int64(((seconds - whole) * 1e9).rounded()))
  }

  private static func symbols(_ object: [String: JSONValue]) throws(JSONLNewsError) -> [String] {
    var written: [String] = []
    switch object["symbols"] {
    case nil, .null?: break
    case .array(let elements)?:
      for element in elements {
        guard let symbol = element.string else { throw .wrongType(field: "symbols") }
        written.append(symbol)
      }
    case .string(let symbol)?: written = [symbol]
    default: throw .wrongType(field: "symbols")
    }
    if written.isEmpty, let symbol = try optionalString(object, "symbol") { written = [symbol] }
    var seen: Set<String> = []
    let symbols = written.map { String($0.trimmingASCIISpaces).uppercased() }.filter {
      !$0.isEmpty && seen.insert($0).inserted
    }
    guard !symbols.isEmpty else { throw .missingSymbols }
    return symbols
  }

}
