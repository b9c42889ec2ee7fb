/// Writes one JSON object with keys in the order they are added, numbers written exactly as
/// given (so exact decimals keep every digit), and non-finite numbers as `null`.
struct JSONObjectWriter {
  private var fields: [String] = []

  mutating func add(_ key: String, _ value: Double) {
    fields.append("\(quoted(key)):\(value.isFinite ? "\(value)" : "null")")
  }

  mutating func add(_ key: String, _ value: Int) { fields.append("\(quoted(key)):\(value)") }

  /// An exact decimal, written as a JSON number.
  mutating func add(_ key: String, exact value: String) { fields.append("\(quoted(key)):\(value)") }

  mutating func add(_ key: String, _ value: String) { fields.append("\(quoted(key)):\(quoted(value))") }

  var text: String { "{" + fields.joined(separator: ",") + "}" }

  private func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
