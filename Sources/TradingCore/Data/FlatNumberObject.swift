/// A reader and a writer for the one JSON shape every signal's and order's `meta` takes, on the
/// bus and in the store: a flat object of plain keys and finite numbers,
/// `{"ema_fast":189.12,"volatility":0.0123}`.
///
/// Foundation's `JSONDecoder` takes about 14 µs for such an object alone (50 µs inside the
/// running pipeline, most of the signal → decision time); this takes a few. It reads only that shape: a key with an escape, a value that
/// is not a plain JSON number (`"Infinity"`, a string, an object), a repeated key or anything
/// malformed answers nil, and the caller reads the text with `JSONDecoder` instead, which then
/// either understands it or refuses it. For the texts it does read, it gives what `JSONDecoder`
/// gives: the numbers are parsed by the same correctly rounded conversion.
package enum FlatNumberObject {
  /// The object's keys and numbers, or nil when `text` is not a flat object of plain numbers.
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
    reader.skipWhitespace()
    guard reader.take(UInt8(ascii: "{")) else { return nil }
    var object: [String: Double] = [:]
    reader.skipWhitespace()
    if reader.take(UInt8(ascii: "}")) { return reader.atEndAfterWhitespace() ? object : nil }
    while true {
      reader.skipWhitespace()
      guard let key = reader.plainString() else { return nil }
      reader.skipWhitespace()
      guard reader.take(UInt8(ascii: ":")) else { return nil }
      reader.skipWhitespace()
      guard let value = reader.number(), object.updateValue(value, forKey: key) == nil else { return nil }
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

    mutating func skipWhitespace() {
      while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    mutating func atEndAfterWhitespace() -> Bool {
      skipWhitespace()
      return position == bytes.count
    }

    /// A quoted string without escapes or control characters.
    mutating func plainString() -> String? {
      guard take(UInt8(ascii: "\"")) else { return nil }
      let start = position
      while let byte = current, byte != UInt8(ascii: "\"") {
        guard byte != UInt8(ascii: "\\"), byte >= 0x20 else { return nil }
        position += 1
      }
      guard current != nil else { return nil }
      let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
      position += 1
      return text
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
