import TradingCore

/// Writes one JSON object with keys in the order they are added, numbers written exactly as
/// given (so exact decimals keep every digit), and non-finite numbers as `null`.
struct JSONObjectWriter {
  private var fields: [String] = []

  mutating func add(_ key: String, _ value: Double) {
    fields.append("\(JSONText.quoted(key)):\(value.isFinite ? "\(value)" : "null")")
  }

  mutating func add(_ key: String, _ value: Int) { fields.append("\(JSONText.quoted(key)):\(value)") }

  /// An exact decimal, written as a JSON number.
  mutating func add(_ key: String, exact value: String) { fields.append("\(JSONText.quoted(key)):\(value)") }

  mutating func add(_ key: String, _ value: String) {
    fields.append("\(JSONText.quoted(key)):\(JSONText.quoted(value))")
  }

  var text: String { "{" + fields.joined(separator: ",") + "}" }
}
