/// What entity references stand for.
enum EntityText {
  /// The text of `&name;` for the five XML entities and numeric references (`#233`, `#xE9`).
  static func xml(_ name: String) -> String? {
    switch name {
    case "lt": "<"
    case "gt": ">"
    case "amp": "&"
    case "quot": "\""
    case "apos": "'"
    default: numeric(name)
    }
  }

  /// `#233` or `#xE9` as its character; nil for anything else and for code points that are not
  /// characters (0, surrogates, beyond U+10FFFF).
  static func numeric(_ name: String) -> String? {
    guard name.hasPrefix("#") else { return nil }
    let digits = name.dropFirst()
    let value =
      digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
    guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return nil }
    return String(scalar)
  }
}
