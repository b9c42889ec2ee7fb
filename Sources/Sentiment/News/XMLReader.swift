/// An XML element: its name as written (prefix included), attributes, and content in order.
struct XMLElementNode: Sendable, Hashable {
  /// One piece of an element's content.
  enum Content: Sendable, Hashable {
    /// Character data, entities and CDATA already resolved.
    case text(String)
    case element(XMLElementNode)
  }

  var name: String
  var attributes: [String: String]
  var content: [Content]

  /// The name without its namespace prefix: `encoded` for `content:encoded`.
  var localName: Substring { name.split(separator: ":").last ?? Substring(name) }

  /// The child elements, in order.
  var children: [XMLElementNode] {
    content.compactMap { if case .element(let child) = $0 { child } else { nil } }
  }

  /// The first child element whose local name is `localName`.
  func child(_ localName: String) -> XMLElementNode? {
    children.first { $0.localName == localName }
  }

  /// Every child element whose local name is `localName`.
  func children(_ localName: String) -> [XMLElementNode] {
    children.filter { $0.localName == localName }
  }

  /// All the text inside, its descendants' included, in document order.
  var innerText: String {
    content.map {
      switch $0 {
      case .text(let text): text
      case .element(let child): child.innerText
      }
    }.joined()
  }
}

/// Why a document is not well-formed XML, with the byte offset where reading stopped.
struct XMLReaderError: Error, Sendable, Hashable, CustomStringConvertible {
  var reason: String
  var offset: Int

  var description: String { "\(reason) at byte \(offset)" }
}

/// A small XML reader for news feeds: builds the element tree of a UTF-8 document.
///
/// It insists on what makes a feed trustworthy — one root, every element closed by a matching
/// tag, quoted attributes, terminated comments and CDATA — and is lenient where feeds are
/// sloppy: an unknown entity (`&nbsp;`) or a bare `&` stays as written, undecodable bytes become
/// U+FFFD, the DOCTYPE is skipped without being read, namespaces are kept as name prefixes.
/// (Foundation's `XMLParser` on Linux reports success for truncated documents and mismatched
/// tags, which would let a cut-off feed pass for a short one.)
struct XMLReader {
  /// Deeper documents are refused; no feed nests anywhere near this.
  static let maxDepth = 256

  private let bytes: [UInt8]
  private var index = 0
  private var open: [XMLElementNode] = []
  private var root: XMLElementNode?

  /// The root element of `bytes`.
  static func parse(_ bytes: [UInt8]) throws(XMLReaderError) -> XMLElementNode {
    var reader = XMLReader(bytes: bytes)
    return try reader.document()
  }

  private init(bytes: [UInt8]) {
    self.bytes = bytes
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
  }

  private mutating func document() throws(XMLReaderError) -> XMLElementNode {
    while index < bytes.count {
      if bytes[index] == UInt8(ascii: "<") {
        try markup()
      } else {
        try characterData()
      }
    }
    if let unclosed = open.last { throw fail("<\(unclosed.name)> is never closed") }
    guard let root else { throw fail("no root element") }
    return root
  }

  private mutating func markup() throws(XMLReaderError) {
    if starts(with: "<?") {
      try skip(past: "?>", what: "processing instruction")
    } else if starts(with: "<!--") {
      try skip(past: "-->", what: "comment")
    } else if starts(with: "<![CDATA[") {
      guard !open.isEmpty else { throw fail("CDATA outside the root element") }
      let start = index + 9
      guard let end = find("]]>", from: start) else { throw fail("unterminated CDATA section") }
      appendText(String(decoding: bytes[start..<end], as: UTF8.self))
      index = end + 3
    } else if starts(with: "<!") {
      try skipDeclaration()
    } else if starts(with: "</") {
      try endTag()
    } else {
      try startTag()
    }
  }

  private mutating func characterData() throws(XMLReaderError) {
    let start = index
    let end = bytes[start...].firstIndex(of: UInt8(ascii: "<")) ?? bytes.count
    index = end
    let run = bytes[start..<end]
    if open.isEmpty {
      guard run.allSatisfy(Self.isSpace) else { throw fail("text outside the root element", at: start) }
      return
    }
    appendText(Self.resolvingEntities(run))
  }

  private mutating func startTag() throws(XMLReaderError) {
    guard root == nil else { throw fail("content after the root element") }
    index += 1
    let name = try readName()
    var attributes: [String: String] = [:]
    while true {
      skipSpaces()
      guard index < bytes.count else { throw fail("unterminated tag <\(name)>") }
      if bytes[index] == UInt8(ascii: ">") {
        index += 1
        guard open.count < Self.maxDepth else { throw fail("elements nested deeper than \(Self.maxDepth)") }
        open.append(XMLElementNode(name: name, attributes: attributes, content: []))
        return
      }
      if starts(with: "/>") {
        index += 2
        close(XMLElementNode(name: name, attributes: attributes, content: []))
        return
      }
      let attribute = try readName()
      skipSpaces()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
        throw fail("attribute \(attribute) of <\(name)> has no value")
      }
      index += 1
      skipSpaces()
      attributes[attribute] = try readQuotedValue(of: attribute)
    }
  }

  private mutating func endTag() throws(XMLReaderError) {
    index += 2
    let name = try readName()
    skipSpaces()
    guard index < bytes.count, bytes[index] == UInt8(ascii: ">") else { throw fail("unterminated tag </\(name)>") }
    index += 1
    guard let element = open.popLast() else { throw fail("</\(name)> closes nothing") }
    guard element.name == name else { throw fail("</\(name)> closes <\(element.name)>") }
    close(element)
  }

  private mutating func close(_ element: XMLElementNode) {
    if open.isEmpty {
      root = element
    } else {
      open[open.count - 1].content.append(.element(element))
    }
  }

  private mutating func appendText(_ text: String) {
    guard !text.isEmpty else { return }
    let last = open.count - 1
    if case .text(let previous)? = open[last].content.last {
      open[last].content[open[last].content.count - 1] = .text(previous + text)
    } else {
      open[last].content.append(.text(text))
    }
  }

  /// `<!DOCTYPE …>`, with an internal subset in brackets, skipped unread.
  private mutating func skipDeclaration() throws(XMLReaderError) {
    guard root == nil, open.isEmpty else { throw fail("declaration inside the document") }
    var bracketDepth = 0
    var position = index + 2
    while position < bytes.count {
      switch bytes[position] {
      case UInt8(ascii: "["): bracketDepth += 1
      case UInt8(ascii: "]"): bracketDepth -= 1
      case UInt8(ascii: ">") where bracketDepth <= 0:
        index = position + 1
        return
      default: break
      }
      position += 1
    }
    throw fail("unterminated declaration")
  }

  private mutating func readName() throws(XMLReaderError) -> String {
    let start = index
    while index < bytes.count, !Self.endsName(bytes[index]) { index += 1 }
    guard index > start else { throw fail("expected a name") }
    return String(decoding: bytes[start..<index], as: UTF8.self)
  }

  private mutating func readQuotedValue(of attribute: String) throws(XMLReaderError) -> String {
    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
      throw fail("value of attribute \(attribute) is not quoted")
    }
    let quote = bytes[index]
    let start = index + 1
    guard let end = bytes[start...].firstIndex(of: quote) else { throw fail("unterminated value of \(attribute)") }
    index = end + 1
    return Self.resolvingEntities(bytes[start..<end])
  }

  private mutating func skip(past terminator: String, what: String) throws(XMLReaderError) {
    guard let end = find(terminator, from: index + 2) else { throw fail("unterminated \(what)") }
    index = end + terminator.utf8.count
  }

  private mutating func skipSpaces() {
    while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
  }

  private func starts(with prefix: String) -> Bool {
    bytes[index...].starts(with: prefix.utf8)
  }

  private func find(_ needle: String, from start: Int) -> Int? {
    let needle = Array(needle.utf8)
    var position = start
    while position + needle.count <= bytes.count {
      if bytes[position] == needle[0], bytes[position..<position + needle.count].elementsEqual(needle) {
        return position
      }
      position += 1
    }
    return nil
  }

  private func fail(_ reason: String, at offset: Int? = nil) -> XMLReaderError {
    XMLReaderError(reason: reason, offset: offset ?? index)
  }

  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }

  private static func endsName(_ byte: UInt8) -> Bool {
    isSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=")
  }

  /// The text of `raw` with the five XML entities and numeric character references replaced.
  static func resolvingEntities(_ raw: ArraySlice<UInt8>) -> String {
    guard raw.contains(UInt8(ascii: "&")) else { return String(decoding: raw, as: UTF8.self) }
    var output: [UInt8] = []
    output.reserveCapacity(raw.count)
    var position = raw.startIndex
    while position < raw.endIndex {
      if raw[position] == UInt8(ascii: "&"),
        let semicolon = raw[position..<min(raw.endIndex, position + 12)].firstIndex(of: UInt8(ascii: ";")),
        let replacement = EntityText.xml(String(decoding: raw[(position + 1)..<semicolon], as: UTF8.self))
      {
        output += replacement.utf8
        position = semicolon + 1
      } else {
        output.append(raw[position])
        position += 1
      }
    }
    return String(decoding: output, as: UTF8.self)
  }
}
