import Testing

@testable import Sentiment

@Suite struct XMLReaderTests {
  func parse(_ text: String) throws -> XMLElementNode { try XMLReader.parse(Array(text.utf8)) }

  @Test func buildsTheTreeWithTextEntitiesAndCDATA() throws {
    let root = try parse(
      """
      \u{FEFF}<?xml version="1.0"?>
      <!DOCTYPE rss [ <!ENTITY x "y"> ]>
      <!-- a comment -->
      <a:root xmlns:a="urn:x" kind='feed &amp; more'>
        <item n="1">Caf&#233; &lt;b&gt; &#x1F4C8; &amp; <![CDATA[<p>raw & "kept"</p>]]> &nbsp; AT&T</item>
        <empty/>
        <!-- ignored --><item n="2"/>
      </a:root>
      """)
    #expect(root.name == "a:root" && root.localName == "root")
    #expect(root.attributes == ["xmlns:a": "urn:x", "kind": "feed & more"])
    #expect(root.children.map(\.name) == ["item", "empty", "item"])
    #expect(root.children("item").map { $0.attributes["n"] } == ["1", "2"])
    // Unknown entities and a bare `&` stay as written.
    #expect(root.child("item")?.innerText == "Café <b> \u{1F4C8} & <p>raw & \"kept\"</p> &nbsp; AT&T")
    #expect(root.child("missing") == nil)
  }

  @Test(arguments: [
    ("<rss><channel><item><title>x</title></item></channel>", "<rss> is never closed"),
    ("<a><b>x</a>", "</a> closes <b>"),
    ("<a>x</a></b>", "</b> closes nothing"),
    ("<a>x</a><b/>", "content after the root element"),
    ("<a x=1/>", "value of attribute x is not quoted"),
    ("<a x>", "attribute x of <a> has no value"),
    ("<a><!-- never ends</a>", "unterminated comment"),
    ("<a><![CDATA[ never ends</a>", "unterminated CDATA section"),
    ("<a", "unterminated tag <a>"),
    ("garbage", "text outside the root element"),
    ("", "no root element"),
    ("</a>", "</a> closes nothing"),
  ])
  func refusesDocumentsThatAreNotWellFormed(text: String, reason: String) {
    #expect {
      _ = try parse(text)
    } throws: { error in
      (error as? XMLReaderError)?.reason == reason
    }
  }

  @Test func refusesNestingBeyondTheLimit() throws {
    let deep =
      String(repeating: "<a>", count: XMLReader.maxDepth + 1) + String(repeating: "</a>", count: XMLReader.maxDepth + 1)
    #expect(throws: XMLReaderError.self) { try parse(deep) }
    let allowed =
      String(repeating: "<a>", count: XMLReader.maxDepth) + String(repeating: "</a>", count: XMLReader.maxDepth)
    #expect(try parse(allowed).name == "a")
  }
}
