import Foundation

/// Turns the HTML that feeds put in titles and descriptions into the plain text that is scored.
enum PlainText {
  /// `html` without its tags (and without what `<script>` and `<style>` hold), with HTML entities
  /// resolved and runs of whitespace collapsed to one space. Inline tags (`<b>`, `<a>`, …) vanish;
  /// other tags become a space, so that `<p>one</p><p>two</p>` reads `one two`. A `<` that does not
  /// open a tag (`<5%`) is text.
  static func from(html: String) -> String {
    var text = ""
    var rest = Substring(html)
    while let open = rest.firstIndex(of: "<") {
      text += rest[..<open]
      let afterOpen = rest.index(after: open)
      guard afterOpen < rest.endIndex, opensTag(rest[afterOpen]), let close = rest[afterOpen...].firstIndex(of: ">")
      else {
        text += "<"
        rest = rest[afterOpen...]
        continue
      }
      let tag = tagName(rest[afterOpen..<close])
      rest = rest[rest.index(after: close)...]
      if tag == "script" || tag == "style" {
        rest = rest.range(of: "</\(tag)", options: .caseInsensitive).map { rest[$0.upperBound...] } ?? ""
        if let end = rest.firstIndex(of: ">") { rest = rest[rest.index(after: end)...] }
      }
      if !inlineTags.contains(tag) { text += " " }
    }
    text += rest
    return collapsingWhitespace(resolvingEntities(text))
  }

  /// Runs of whitespace (no-break spaces included) as one space, none at the ends.
  static func collapsingWhitespace(_ text: String) -> String {
    text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }

  /// HTML's named entities that news text uses, the XML ones and numeric references; others stay.
  static func resolvingEntities(_ text: String) -> String {
    guard text.contains("&") else { return text }
    var output = ""
    var rest = Substring(text)
    while let ampersand = rest.firstIndex(of: "&") {
      output += rest[..<ampersand]
      let afterAmpersand = rest.index(after: ampersand)
      let window = rest[afterAmpersand...].prefix(12)
      if let semicolon = window.firstIndex(of: ";"),
        let replacement = htmlEntity(String(rest[afterAmpersand..<semicolon]))
      {
        output += replacement
        rest = rest[rest.index(after: semicolon)...]
      } else {
        output += "&"
        rest = rest[afterAmpersand...]
      }
    }
    return output + rest
  }

  private static func htmlEntity(_ name: String) -> String? {
    EntityText.xml(name) ?? namedEntities[name]
  }

  private static let namedEntities: [String: String] = [
    "nbsp": "\u{00A0}", "ndash": "\u{2013}", "mdash": "\u{2014}", "hellip": "\u{2026}",
    "lsquo": "\u{2018}", "rsquo": "\u{2019}", "ldquo": "\u{201C}", "rdquo": "\u{201D}",
    "laquo": "\u{00AB}", "raquo": "\u{00BB}", "copy": "\u{00A9}", "reg": "\u{00AE}", "trade": "\u{2122}",
    "euro": "\u{20AC}", "pound": "\u{00A3}", "yen": "\u{00A5}", "cent": "\u{00A2}", "bull": "\u{2022}",
    "middot": "\u{00B7}", "times": "\u{00D7}", "deg": "\u{00B0}", "percnt": "%",
  ]

  /// Whether the tag (lower-case) is inline: it does not separate the words around it.
  static func isInline(_ tag: String) -> Bool { inlineTags.contains(tag) }

  private static let inlineTags: Set<String> = [
    "a", "abbr", "b", "big", "cite", "code", "em", "font", "i", "mark", "q", "s", "small", "span", "strong",
    "sub", "sup", "time", "u",
  ]

  private static func opensTag(_ character: Character) -> Bool {
    (character.isASCII && character.isLetter) || character == "/" || character == "!" || character == "?"
  }

  /// `p` for `p class="x"`, `/p` and `p/`; lower-cased.
  private static func tagName(_ inside: Substring) -> String {
    let name = inside.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber })
    return name.lowercased()
  }
}
