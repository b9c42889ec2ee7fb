import TradingCore

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// What one WebSocket client wants to receive: some event types and some symbols, or all.
///
/// Events that concern no symbol (`status`, `heartbeat`) pass any symbol filter.
public struct EventFilter: Sendable, Hashable {
  /// The types sent, or nil for every type.
  public var types: Set<TradingEventType>?
  /// The symbols sent (upper-case), or nil for every symbol.
  public var symbols: Set<String>?

  public init(types: Set<TradingEventType>? = nil, symbols: Set<String>? = nil) {
    self.types = types
    self.symbols = symbols
  }

  /// Whether `event` passes the filter.
  public func accepts(_ event: TradingEvent) -> Bool {
    if let types, !types.contains(event.type) { return false }
    if let symbols, let symbol = event.symbol, !symbols.contains(symbol) { return false }
    return true
  }
}

/// Why a client's message could not be understood, with what to send instead.
public struct SubscriptionRequestError: Error, Sendable, Hashable, CustomStringConvertible {
  public var detail: String
  public var description: String { detail }
}

extension EventFilter {
  /// The shape of the only message a client may send.
  static let expectedShape = #"{"subscribe":["signal","order",…],"symbols":["AAPL",…]}"#

  /// The filter a client asks for with `{"subscribe": [types], "symbols": [symbols]}`.
  ///
  /// An absent, null or empty list means "all"; every message replaces the previous filter
  /// entirely. Unknown fields, unknown types and malformed symbols are refused.
  public init(request text: String) throws(SubscriptionRequestError) {
    let fields: [String: JSONValue]
    do {
      fields = try JSONDecoder().decode([String: JSONValue].self, from: Data(text.utf8))
    } catch {
      throw SubscriptionRequestError(detail: "expected a JSON object like \(Self.expectedShape)")
    }
    if let unknown = fields.keys.sorted().first(where: { $0 != "subscribe" && $0 != "symbols" }) {
      throw SubscriptionRequestError(detail: "unknown field '\(unknown)'; expected \(Self.expectedShape)")
    }
    let typeNames = try Self.strings(fields["subscribe"], field: "subscribe")
    let symbolTexts = try Self.strings(fields["symbols"], field: "symbols")
    var types = Set<TradingEventType>()
    for name in typeNames {
      guard let type = TradingEventType(rawValue: name) else {
        let allowed = TradingEventType.allCases.map(\.rawValue).joined(separator: ", ")
        throw SubscriptionRequestError(detail: "unknown event type '\(name)'; allowed: \(allowed)")
      }
      types.insert(type)
    }
    var symbols = Set<String>()
    for text in symbolTexts {
      guard let symbol = QueryParameters.normalizedSymbol(text) else {
        throw SubscriptionRequestError(
          detail: "'\(text.prefix(40))' is not a symbol: 1–\(QueryParameters.maximumSymbolLength) characters "
            + "of A–Z, 0–9, '.', '/', ':', '_', '-'")
      }
      symbols.insert(symbol)
    }
    self.init(types: types.isEmpty ? nil : types, symbols: symbols.isEmpty ? nil : symbols)
  }

  private static func strings(_ value: JSONValue?, field: String) throws(SubscriptionRequestError) -> [String] {
    switch value {
    case nil, .null?: return []
    case .array(let items)?:
      return try items.map { item throws(SubscriptionRequestError) in
        guard case .string(let text) = item else {
          throw SubscriptionRequestError(detail: "\(field) must be an array of strings")
        }
        return text
      }
    default:
      throw SubscriptionRequestError(detail: "\(field) must be an array of strings")
    }
  }

  /// The acknowledgement sent once a filter is in force: `{"type":"subscribed","payload":{…}}`
  /// with the types and symbols as sorted lists, null meaning all.
  var acknowledgementJSON: String {
    func list(_ items: [String]?) -> String {
      guard let items else { return "null" }
      return "[" + items.sorted().map(JSONText.quoted).joined(separator: ",") + "]"
    }
    let typeList = list(types.map { $0.map(\.rawValue) })
    let symbolList = list(symbols.map(Array.init))
    return #"{"type":"subscribed","payload":{"types":"# + typeList + #","symbols":"# + symbolList + "}}"
  }

  /// The message a client gets for a request it cannot have:
  /// `{"type":"error","payload":{"error":"bad_request","detail":…}}`.
  static func errorJSON(_ detail: String) -> String {
    #"{"type":"error","payload":{"error":"bad_request","detail":"# + JSONText.quoted(detail) + "}}"
  }
}
