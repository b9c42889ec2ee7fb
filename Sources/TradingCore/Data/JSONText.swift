/// JSON string escaping for text assembled by hand — on hot or failure paths where an encoder
/// that can throw is not wanted, or where the order of keys matters.
public enum JSONText {
  /// `text` as a JSON string literal, quotes included: quotes, backslashes and control
  /// characters escaped, and U+2028/U+2029 too (JavaScript reads them as line ends); the rest
  /// as is (RFC 8259 §7).
  public static func quoted(_ text: String) -> String {
    var literal = "\""
    literal.reserveCapacity(text.utf8.count + 2)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": literal += "\\\""
      case "\\": literal += "\\\\"
      case "\n": literal += "\\n"
      case "\r": literal += "\\r"
      case "\t": literal += "\\t"
      case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
        let hex = String(scalar.value, radix: 16)
        literal += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: literal.unicodeScalars.append(scalar)
      }
    }
    return literal + "\""
  }
}
