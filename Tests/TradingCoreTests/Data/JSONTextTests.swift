import Foundation
import Testing
import TradingCore

@Suite struct JSONTextTests {
  @Test(arguments: [
    ("plain", #""plain""#), (#"say "hi"\now"#, #""say \"hi\"\\now""#), ("tab\tline\nend\r", #""tab\tline\nend\r""#),
    ("\u{0}\u{1F}", #""\u0000\u001f""#), ("a\u{2028}b\u{2029}", #""a\u2028b\u2029""#), ("é🚀", "\"é🚀\""),
  ])
  func escapesWhatJSONRequires(text: String, literal: String) throws {
    #expect(JSONText.quoted(text) == literal)
    // And a JSON parser reads the literal back as the text.
    #expect(try JSONDecoder().decode([String].self, from: Data("[\(literal)]".utf8)) == [text])
  }
}
