import Hummingbird

/// Strict readers for a request's query parameters, shared by every route.
///
/// Each reader answers `nil` (or the default) when the parameter is absent and throws a 400
/// `APIError` whose detail names the parameter, what is allowed and what was sent, e.g.
/// `limit must be an integer in 1…100, got 500`. A parameter given twice is refused rather
/// than guessed at.
public struct QueryParameters: Sendable {
  /// The longest symbol accepted, as at the tick boundary.
  public static let maximumSymbolLength = 20

  private let values: [String: [String]]

  /// The query parameters of `request` (values percent-decoded).
  public init(_ request: Request) {
    self.init(request.uri.queryParameters.map { (String($0.key), String($0.value)) })
  }

  /// Parameters from name/value pairs, in query order.
  public init(_ pairs: [(name: String, value: String)]) {
    var values: [String: [String]] = [:]
    for (name, value) in pairs { values[name, default: []].append(value) }
    self.values = values
  }

  /// Refuses any parameter whose name is not in `allowed`.
  public func requireOnly(_ allowed: Set<String>) throws(APIError) {
    if let unknown = values.keys.sorted().first(where: { !allowed.contains($0) }) {
      throw .badRequest("unknown query parameter '\(unknown)'; allowed: \(allowed.sorted().joined(separator: ", "))")
    }
  }

  /// The raw text of `name`, or nil when absent.
  public func string(_ name: String) throws(APIError) -> String? {
    guard let all = values[name] else { return nil }
    guard all.count == 1 else { throw .badRequest("\(name) must be given at most once, got \(all.count) values") }
    return all[0]
  }

  /// A non-empty text of at most `maximumLength` characters, such as an opaque cursor.
  public func text(_ name: String, maximumLength: Int) throws(APIError) -> String? {
    guard let raw = try string(name) else { return nil }
    guard !raw.isEmpty, raw.count <= maximumLength else {
      throw .badRequest("\(name) must be 1–\(maximumLength) characters, got \(raw.count)")
    }
    return raw
  }

  /// An integer in `range`, or `defaultValue` when absent.
  public func integer(_ name: String, in range: ClosedRange<Int>, default defaultValue: Int) throws(APIError) -> Int {
    try integer(name, in: range) ?? defaultValue
  }

  /// An integer in `range`, or nil when absent.
  public func integer(_ name: String, in range: ClosedRange<Int>) throws(APIError) -> Int? {
    guard let raw = try string(name) else { return nil }
    guard let value = Int(raw), range.contains(value) else {
      throw .badRequest(
        "\(name) must be an integer in \(range.lowerBound)…\(range.upperBound), got \(Self.shown(raw))")
    }
    return value
  }

  /// A finite number in `range`, or nil when absent.
  public func number(_ name: String, in range: ClosedRange<Double>) throws(APIError) -> Double? {
    guard let raw = try string(name) else { return nil }
    guard let value = Double(raw), value.isFinite, range.contains(value) else {
      throw .badRequest(
        "\(name) must be a number in \(range.lowerBound)…\(range.upperBound), got \(Self.shown(raw))")
    }
    return value
  }

  /// A symbol, upper-cased, of 1–20 characters from A–Z, 0–9 and `. / : _ -`; nil when absent.
  public func symbol(_ name: String) throws(APIError) -> String? {
    guard let raw = try string(name) else { return nil }
    guard let symbol = Self.normalizedSymbol(raw) else {
      throw .badRequest(
        "\(name) must be 1–\(Self.maximumSymbolLength) characters of A–Z, 0–9, '.', '/', ':', '_', '-', "
          + "got \(Self.shown(raw))")
    }
    return symbol
  }

  /// One of `allowed`, matched on its raw value; nil when absent.
  public func value<Value: RawRepresentable>(
    _ name: String, allowed: some Collection<Value>
  ) throws(APIError) -> Value? where Value.RawValue == String {
    guard let raw = try string(name) else { return nil }
    guard let value = allowed.first(where: { $0.rawValue == raw }) else {
      let choices = allowed.map(\.rawValue).joined(separator: ", ")
      throw .badRequest("\(name) must be one of \(choices), got \(Self.shown(raw))")
    }
    return value
  }

  /// One of the cases of `Value`, matched on its raw value; nil when absent.
  public func value<Value: RawRepresentable & CaseIterable>(
    _ name: String, as type: Value.Type
  ) throws(APIError) -> Value? where Value.RawValue == String {
    try value(name, allowed: Value.allCases)
  }

  /// `text` upper-cased when it is a well-formed symbol, else nil.
  public static func normalizedSymbol(_ text: String) -> String? {
    let symbol = text.uppercased()
    let utf8 = symbol.utf8
    guard (1...maximumSymbolLength).contains(utf8.count) else { return nil }
    let allowedPunctuation: Set<UInt8> = [
      UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: ":"),
      UInt8(ascii: "_"), UInt8(ascii: "-"),
    ]
    for byte in utf8 {
      let isLetter = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
      let isDigit = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
      guard isLetter || isDigit || allowedPunctuation.contains(byte) else { return nil }
    }
    return symbol
  }

  /// The offending value as the error detail shows it: bare when it is a plain ASCII word or
  /// number, quoted otherwise, and cut short when long.
  static func shown(_ raw: String) -> String {
    let text = raw.count > 40 ? "\(raw.prefix(40))…" : raw
    let plainBytes = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.+-".utf8)
    let isPlain = !raw.isEmpty && raw.utf8.allSatisfy(plainBytes.contains)
    return isPlain ? text : "'\(text)'"
  }
}
