import Testing
import TradingCore

@testable import Sentiment

@Suite struct JSONLNewsTests {
  let item = NewsItem(
    title: "Apple beats \"estimates\"", summary: "Revenue\tup 6%\nshares +3%", url: "https://www.reuters.com/a?b=1",
    publisher: "Reuters", provider: "jsonl", publishedAt: NewsTime.at(17, 0), symbols: ["AAPL", "MSFT"])

  @Test func encodesOneLineWithTheDocumentedKeys() {
    #expect(
      JSONLNews.encode(item)
        == #"{"title":"Apple beats \"estimates\"","summary":"Revenue\tup 6%\nshares +3%","url":"https://www.reuters.com/a?b=1","publisher":"Reuters","published_at":"2026-11-25T17:00:00Z","symbols":["AAPL","MSFT"]}"#
    )
    var withoutURL = item
    withoutURL.url = nil
    withoutURL.publishedAt = NewsTime.at(17, 0, nanoseconds: 500_000_000)
    #expect(!JSONLNews.encode(withoutURL).contains("\"url\""))
    #expect(JSONLNews.encode(withoutURL).contains(#""published_at":"2026-11-25T17:00:00.5Z""#))
  }

  @Test func roundTrips() throws {
    #expect(try JSONLNews.decode(line: JSONLNews.encode(item), provider: "jsonl") == item)
    var awkward = item
    awkward.title = "Nestlé \u{1F4C8} \\ back\u{0001}slash"
    awkward.url = nil
    awkward.summary = ""
    awkward.publishedAt = NewsTime.at(9, 30, 1, nanoseconds: 123_456_789)
    #expect(try JSONLNews.decode(line: JSONLNews.encode(awkward), provider: "jsonl") == awkward)
    #expect(JSONLNews.encode(awkward).contains(#"\u0001"#))
  }

  @Test func readsTheLenientForms() throws {
    // Epoch seconds 1795626000 is 2026-11-25T17:00:00Z; `symbol` and `source` stand in for the others.
    let line = #"{"title":" Tesla recalls ","published_at":1795626000,"symbol":"tsla","source":"AP","url":""}"#
    let decoded = try JSONLNews.decode(line: line, provider: "generator")
    #expect(
      decoded
        == NewsItem(
          title: "Tesla recalls", publisher: "AP", provider: "generator", publishedAt: NewsTime.at(17, 0),
          symbols: ["TSLA"]))
    let fractional = try JSONLNews.decode(
      line: #"{"title":"t","published_at":1795626000.25,"symbols":["aapl","AAPL"," msft "]}"#, provider: "p")
    #expect(fractional.publishedAt == NewsTime.at(17, 0, nanoseconds: 250_000_000))
    #expect(fractional.symbols == ["AAPL", "MSFT"])
    #expect(fractional.publisher == "unknown")
    #expect(fractional.summary == "")
    let offset = try JSONLNews.decode(
      line: #"{"title":"t","published_at":"2026-11-25T12:00:00.75-05:00","symbols":["AAPL"]}"#, provider: "p")
    #expect(offset.publishedAt == NewsTime.at(17, 0, nanoseconds: 750_000_000))
  }

  @Test(arguments: [
    (#"{"title":"t","published_at":"2026-11-25T17:00:00Z","symbols":["AAPL"]"#, "malformed_json"),
    (#"["title"]"#, "malformed_json"),
    ("not json at all", "malformed_json"),
    (#"{"published_at":"2026-11-25T17:00:00Z","symbols":["AAPL"]}"#, "missing_title"),
    (#"{"title":"  ","published_at":"2026-11-25T17:00:00Z","symbols":["AAPL"]}"#, "missing_title"),
    (#"{"title":7,"published_at":"2026-11-25T17:00:00Z","symbols":["AAPL"]}"#, "missing_title"),
    (#"{"title":"t","symbols":["AAPL"]}"#, "missing_timestamp"),
    (#"{"title":"t","published_at":"25/11/2026","symbols":["AAPL"]}"#, "bad_timestamp"),
    (#"{"title":"t","published_at":1795626000000,"symbols":["AAPL"]}"#, "bad_timestamp"),
    (#"{"title":"t","published_at":-5,"symbols":["AAPL"]}"#, "bad_timestamp"),
    (#"{"title":"t","published_at":"2026-11-25T17:00:00Z"}"#, "missing_symbols"),
    (#"{"title":"t","published_at":"2026-11-25T17:00:00Z","symbols":[]}"#, "missing_symbols"),
    (#"{"title":"t","published_at":"2026-11-25T17:00:00Z","symbols":[" "]}"#, "missing_symbols"),
    (#"{"title":"t","published_at":"2026-11-25T17:00:00Z","symbols":[1]}"#, "wrong_type"),
    (#"{"title":"t","published_at":"2026-11-25T17:00:00Z","symbols":["A"],"url":{}}"#, "wrong_type"),
    (#"{"title":"t","published_at":true,"symbols":["A"]}"#, "wrong_type"),
  ])
  func refusesLinesWithAReason(line: String, reason: String) {
    #expect {
      _ = try JSONLNews.decode(line: line, provider: "jsonl")
    } throws: { error in
      (error as? JSONLNewsError)?.reason == reason
    }
  }
}
