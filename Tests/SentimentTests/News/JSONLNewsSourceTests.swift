import Foundation
import Testing
import TradingCore

@testable import Sentiment

@Suite struct JSONLNewsSourceTests {
  static func line(_ title: String, _ symbols: [String], at time: Timestamp, publisher: String = "Wire") -> String {
    JSONLNews.encode(
      NewsItem(title: title, publisher: publisher, provider: "jsonl", publishedAt: time, symbols: symbols))
  }

  @Test func readsAFileFilteringSymbolsAndTimeAndCountingSkips() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write(
      "news.jsonl",
      lines: [
        Self.line("Apple and Microsoft rally", ["AAPL", "MSFT"], at: NewsTime.at(10, 0)),
        "",
        "   ",
        Self.line("Old Apple story", ["AAPL"], at: NewsTime.at(-1, 0)),
        Self.line("Tesla only", ["TSLA"], at: NewsTime.at(11, 0)),
        "{not json",
        #"{"title":"no time","symbols":["AAPL"]}"#,
        #"{"published_at":"2026-11-25T12:00:00Z","symbols":["AAPL"]}"#,
        Self.line("Exactly at since", ["MSFT"], at: NewsTime.midnight) + "\r",
      ])
    let source = JSONLNewsSource(path: folder.file("news.jsonl"))
    let fetch = try await source.fetch(symbols: ["aapl", "MSFT"], since: NewsTime.midnight)
    #expect(fetch.items.map(\.title) == ["Apple and Microsoft rally", "Exactly at since"])
    #expect(fetch.items.map(\.symbols) == [["AAPL", "MSFT"], ["MSFT"]])
    #expect(fetch.items.allSatisfy { $0.provider == "jsonl" })
    #expect(fetch.skipped == ["malformed_json": 1, "missing_timestamp": 1, "missing_title": 1])
    // Only the asked-for symbols stay on an item.
    let apple = try await JSONLNewsSource(path: folder.file("news.jsonl"))
      .fetch(symbols: ["AAPL"], since: NewsTime.midnight)
    #expect(apple.items.map(\.symbols) == [["AAPL"]])
  }

  @Test func skipsInvalidUTF8AndOverlongLines() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let good = Array((Self.line("Good", ["AAPL"], at: NewsTime.at(9, 0)) + "\n").utf8)
    let binary: [UInt8] = [0x7B, 0x22, 0xFF, 0xFE, 0x00, 0x22, 0x7D, 0x0A]  // {"ÿþ\0"} with invalid bytes
    let long = Array((Self.line(String(repeating: "x", count: 300), ["AAPL"], at: NewsTime.at(9, 0)) + "\n").utf8)
    try folder.write("mixed.jsonl", good + binary + long + good)
    let fetch = try await JSONLNewsSource(path: folder.file("mixed.jsonl"), maxLineBytes: 200)
      .fetch(symbols: ["AAPL"], since: NewsTime.midnight)
    #expect(fetch.items.map(\.title) == ["Good", "Good"])
    #expect(fetch.skipped == ["invalid_utf8": 1, "line_too_long": 1])
  }

  @Test func leavesAHalfWrittenLastLineForTheNextFetch() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let complete = Self.line("First", ["AAPL"], at: NewsTime.at(9, 0))
    let second = Self.line("Second", ["AAPL"], at: NewsTime.at(9, 5))
    let cut = second.index(second.startIndex, offsetBy: 30)
    try folder.write("live.jsonl", Array((complete + "\n" + second[..<cut]).utf8))
    let source = JSONLNewsSource(path: folder.file("live.jsonl"))

    let before = try await source.fetch(symbols: ["AAPL"], since: NewsTime.midnight)
    #expect(before.items.map(\.title) == ["First"])
    #expect(before.skipped.isEmpty)

    // The generator finishes the line: the next fetch has it, and only it.
    try folder.append("live.jsonl", String(second[cut...]) + "\n")
    let after = try await source.fetch(symbols: ["AAPL"], since: NewsTime.midnight)
    #expect(after.items.map(\.title) == ["Second"])
    #expect(after.skipped.isEmpty)

    // A complete last line without its newline is read.
    try folder.append("live.jsonl", Self.line("Third", ["AAPL"], at: NewsTime.at(9, 10)))
    let unterminated = try await source.fetch(symbols: ["AAPL"], since: NewsTime.midnight)
    #expect(unterminated.items.map(\.title) == ["Third"])
    #expect(try await source.fetch(symbols: ["AAPL"], since: NewsTime.midnight).items.isEmpty)
  }

  @Test func eachLineIsReadAndCountedOnce() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write("feed.jsonl", lines: [Self.line("One", ["AAPL"], at: NewsTime.at(9, 0)), "{broken"])
    let source = JSONLNewsSource(path: folder.path)
    let first = try await source.fetch(symbols: ["AAPL"], since: NewsTime.midnight)
    #expect(first.items.map(\.title) == ["One"])
    #expect(first.skipped == ["malformed_json": 1])
    let again = try await source.fetch(symbols: ["AAPL"], since: NewsTime.midnight)
    #expect(again.items.isEmpty && again.skipped.isEmpty, "nothing new, nothing counted twice")
    try folder.append("feed.jsonl", Self.line("Two", ["AAPL"], at: NewsTime.at(9, 1)) + "\n")
    #expect(try await source.fetch(symbols: ["AAPL"], since: NewsTime.midnight).items.map(\.title) == ["Two"])
  }

  @Test func aReplacedOrTruncatedFileIsReadFromItsStart() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write(
      "feed.jsonl", lines: (0..<5).map { Self.line("Old \($0)", ["AAPL"], at: NewsTime.at(9, Int64($0))) })
    let source = JSONLNewsSource(path: folder.path)
    #expect(try await source.fetch(symbols: ["AAPL"], since: NewsTime.midnight).items.count == 5)
    // Rotated: the old file moves away and a new, shorter one takes its name.
    try FileManager.default.moveItem(atPath: folder.file("feed.jsonl"), toPath: folder.file("feed.jsonl.1"))
    try folder.write("feed.jsonl", lines: [Self.line("New", ["AAPL"], at: NewsTime.at(10, 0))])
    #expect(try await source.fetch(symbols: ["AAPL"], since: NewsTime.midnight).items.map(\.title) == ["New"])
    // Truncated in place to less than was read, and written again.
    try folder.write("feed.jsonl", lines: [Self.line("X", ["AAPL"], at: NewsTime.at(11, 0))])
    #expect(try await source.fetch(symbols: ["AAPL"], since: NewsTime.midnight).items.map(\.title) == ["X"])
  }

  @Test func readsEveryJSONLFileOfAFolderInNameOrder() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write("b.jsonl", lines: [Self.line("From b", ["AAPL"], at: NewsTime.at(8, 0))])
    try folder.write("a.jsonl", lines: [Self.line("From a", ["AAPL"], at: NewsTime.at(9, 0))])
    try folder.write("notes.txt", lines: [Self.line("Not news", ["AAPL"], at: NewsTime.at(9, 0))])
    try folder.write("empty.jsonl", [])
    let fetch = try await JSONLNewsSource(path: folder.path).fetch(symbols: ["AAPL"], since: NewsTime.midnight)
    #expect(fetch.items.map(\.title) == ["From a", "From b"])
  }

  @Test func readsOnlyTheTailOfALargeFile() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let lines = (0..<10).map { Self.line("Story \($0)", ["AAPL"], at: NewsTime.at(9, Int64($0))) }
    try folder.write("big.jsonl", lines: lines)
    // The window holds the last three lines whole, and a part of the one before them.
    let tail = lines.suffix(3).map { $0.utf8.count + 1 }.reduce(0, +)
    let fetch = try await JSONLNewsSource(path: folder.file("big.jsonl"), maxFileBytes: tail + 10)
      .fetch(symbols: ["AAPL"], since: NewsTime.midnight)
    #expect(fetch.items.map(\.title) == ["Story 7", "Story 8", "Story 9"])
    #expect(fetch.skipped.isEmpty)
    // A window that starts exactly at a line keeps that line.
    let exact = try await JSONLNewsSource(path: folder.file("big.jsonl"), maxFileBytes: tail)
      .fetch(symbols: ["AAPL"], since: NewsTime.midnight)
    #expect(exact.items.map(\.title) == ["Story 7", "Story 8", "Story 9"])
  }

  @Test func aMissingPathIsUnavailable() async throws {
    let source = JSONLNewsSource(path: "/nonexistent/news-\(UUID().uuidString).jsonl")
    await #expect {
      _ = try await source.fetch(symbols: ["AAPL"], since: NewsTime.midnight)
    } throws: { error in
      guard case .unavailable(let name, let detail) = error as? NewsSourceError else { return false }
      return name == "jsonl" && detail.contains("does not exist")
    }
  }
}
