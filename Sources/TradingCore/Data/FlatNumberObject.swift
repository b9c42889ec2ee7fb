/// A reader and a writer for the one JSON shape every signal's and order's `meta` takes, on the
/// bus and in the store: a flat object of keys and numbers, `{"ema_fast":189.12,"volatility":0.0123}`,
/// a non-finite number written as the string `"NaN"`, `"Infinity"` or `"-Infinity"`.
///
/// Foundation's `JSONDecoder` took about 14 µs for such an object alone (50 µs inside the
/// running pipeline, most of the signal → decision time); this takes a few. It reads JSON
/// (RFC 8259) as `JSONDecoder` reads it as `[String: Double]` with those three strings for the
/// non-finite numbers (`convertFromString`), and gives what it gives: the numbers through the
/// same correctly rounded conversion, escaped keys unescaped, the first of two equal keys kept, a
/// leading byte order mark skipped; it refuses what it refuses (tested against it,
/// `FlatNumberObjectTests`). Two leniencies of `JSONDecoder` are refused as the malformed JSON
/// they are: a comma before the closing brace, and anything but a number as the value of a
/// repeated key (which `JSONDecoder` does not look at).
package enum FlatNumberObject {
  /// The object's keys and numbers, or nil when `text` is not a JSON object of numbers.
  package static func parse(_ text: String) -> [String: Double]? {
    var text = text
    return text.withUTF8 { bytes in parse(bytes) }
  }

  /// `meta` as a JSON object with its keys sorted, as Foundation's `JSONEncoder` writes it with
  /// `.sortedKeys` (and slashes unescaped): each number as its shortest round-trip text without
  /// a trailing `.0`, a non-finite one as the string `"NaN"`, `"Infinity"` or `"-Infinity"`; keys
  /// quoted by `JSONText.quoted`. Byte for byte the encoder's text when the keys hold no control
  /// character but tab and line ends and no U+2028/U+2029 (the meta keys we write never do;
  /// those may be escaped otherwise, as the same JSON), in about half its time (11 entries:
  /// 4.2–4.6 against 9.4–9.5 µs, `MessagingBenchmarks signal-fields`), mostly each number's
  /// shortest text.
  package static func text(_ meta: [String: Double]) -> String {
    var text = "{"
    text.reserveCapacity(meta.count * 28 + 2)
    for (index, (key, value)) in meta.sorted(by: { $0.key < $1.key }).enumerated() {
      if index > 0 { text.append(",") }
      text.append(JSONText.quoted(key))
      text.append(":")
      if value.isFinite {
        let number = value.description
        text.append(contentsOf: number.hasSuffix(".0") ? number.dropLast(2) : Substring(number))
      } else {
        text.append(value.isNaN ? #""NaN""# : value > 0 ? #""Infinity""# : #""-Infinity""#)
      }
    }
    text.append("}")
    return text
  }

  private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> [String: Double]? {
    var reader = Reader(bytes: bytes)
    reader.skipByteOrderMark()
    reader.skipWhitespace()
    guard reader.take(UInt8(ascii: "{")) else { return nil }
    var object: [String: Double] = [:]
    reader.skipWhitespace()
    if reader.take(UInt8(ascii: "}")) { return reader.atEndAfterWhitespace() ? object : nil }
    while true {
      reader.skipWhitespace()
      guard let key = reader.string() else { return nil }
      reader.skipWhitespace()
      guard reader.take(UInt8(ascii: ":")) else { return nil }
      reader.skipWhitespace()
      guard let value = reader.value() else { return nil }
      // `JSONDecoder` keeps the first of two equal keys (rare: one lookup for the rest).
      if let first = object.updateValue(value, forKey: key) { object[key] = first }
      reader.skipWhitespace()
      if reader.take(UInt8(ascii: ",")) { continue }
      guard reader.take(UInt8(ascii: "}")) else { return nil }
      return reader.atEndAfterWhitespace() ? object : nil
    }
  }

  private struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
      self.bytes = bytes
    }

    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func take(_ byte: UInt8) -> Bool {
      guard current == byte else { return false }
      position += 1
      return true
    }

    mutating func skipByteOrderMark() {
      if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
    }

    mutating func skipWhitespace() {
      while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    mutating func atEndAfterWhitespace() -> Bool {
      skipWhitespace()
      return position == bytes.count
    }

    /// A number, or one of the strings that stand for the non-finite ones, written without escapes.
    mutating func value() -> Double? {
      guard current == UInt8(ascii: "\"") else { return number() }
      if take(#""NaN""#) { return .nan }
      if take(#""Infinity""#) { return .infinity }
      if take(#""-Infinity""#) { return -.infinity }
      return nil
    }

    /// Takes `literal` when the bytes here are it.
    private mutating func take(_ literal: StaticString) -> Bool {
      let count = literal.utf8CodeUnitCount
      guard position + count <= bytes.count else { return false }
      for offset in 0..<count where bytes[position + offset] != literal.utf8Start[offset] { return false }
      position += count
      return true
    }

    /// A JSON string (RFC 8259 §7), unescaped; nil for a control character, an unknown escape or
    /// a `\u` escape that is a lone surrogate.
    mutating func string() -> String? {
      guard take(UInt8(ascii: "\"")) else { return nil }
      let start = position
      // The common case: no escapes, the bytes as they are.
      while let byte = current, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
        guard byte >= 0x20 else { return nil }
        position += 1
      }
      guard let stop = current else { return nil }
      var text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
      guard stop == UInt8(ascii: "\\") else {
        position += 1
        return text
      }
      while let byte = current {
        position += 1
        switch byte {
        case UInt8(ascii: "\""):
          return text
        case UInt8(ascii: "\\"):
          guard let scalar = escapedScalar() else { return nil }
          text.unicodeScalars.append(scalar)
        case ..<0x20:
          return nil
        default:
          // A byte of plain text: take the run up to the next quote or backslash whole.
          let runStart = position - 1
          while let next = current, next != UInt8(ascii: "\""), next != UInt8(ascii: "\\"), next >= 0x20 {
            position += 1
          }
          text += String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<position]), as: UTF8.self)
        }
      }
      return nil
    }

    /// The character of the escape after a backslash.
    private mutating func escapedScalar() -> Unicode.Scalar? {
      guard let byte = current else { return nil }
      position += 1
      switch byte {
      case UInt8(ascii: "\""): return "\""
      case UInt8(ascii: "\\"): return "\\"
      case UInt8(ascii: "/"): return "/"
      case UInt8(ascii: "b"): return "\u{08}"
      case UInt8(ascii: "f"): return "\u{0C}"
      case UInt8(ascii: "n"): return "\n"
      case UInt8(ascii: "r"): return "\r"
      case UInt8(ascii: "t"): return "\t"
      case UInt8(ascii: "u"):
        guard let unit = hexUnit() else { return nil }
        switch unit {
        case 0xD800..<0xDC00:
          guard take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")), let low = hexUnit(), (0xDC00..<0xE000).contains(low)
          else { return nil }
          return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
        case 0xDC00..<0xE000:
          return nil
        default:
          return Unicode.Scalar(unit)
        }
      default: return nil
      }
    }

    /// Four hexadecimal digits.
    private mutating func hexUnit() -> UInt32? {
      guard position + 4 <= bytes.count else { return nil }
      var unit: UInt32 = 0
      for _ in 0..<4 {
        let byte = bytes[position]
        let digit: UInt8
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
        default: return nil
        }
        unit = unit << 4 | UInt32(digit)
        position += 1
      }
      return unit
    }

    /// A JSON number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, finite.
    mutating func number() -> Double? {
      let start = position
      _ = take(UInt8(ascii: "-"))
      if take(UInt8(ascii: "0")) {
        // No leading zeros: "01" is not JSON.
      } else {
        guard digits() > 0 else { return nil }
      }
      if take(UInt8(ascii: ".")) { guard digits() > 0 else { return nil } }
      if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
        if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
        guard digits() > 0 else { return nil }
      }
      let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
      guard let value = Double(text), value.isFinite else { return nil }
      return value
    }

    private mutating func digits() -> Int {
      let start = position
      while let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { position += 1 }
      return position - start
    }
  }
}
