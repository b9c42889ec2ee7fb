import Foundation
import Testing
import TradingCore

@testable import Sentiment

/// An `HTTPFetching` that records every request and answers from a table of canned responses.
actor FakeHTTPFetcher: HTTPFetching {
  /// One request as the source made it.
  struct Request: Sendable, Hashable {
    var url: String
    var headers: [String: String]
  }

  /// What a URL gets: an answer, or a failure to connect.
  enum Answer: Sendable {
    case response(HTTPFetchResponse)
    case failure(String)
  }

  struct ConnectionRefused: Error, CustomStringConvertible {
    var description: String
  }

  private let answers: [String: Answer]
  private(set) var requests: [Request] = []

  /// Answers each URL in `answers`; any other URL gets a 404.
  init(_ answers: [String: Answer]) {
    self.answers = answers
  }

  /// Answers every URL with `answer`.
  init(always answer: Answer) {
    self.answers = ["*": answer]
  }

  func get(_ url: String, headers: [String: String]) async throws -> HTTPFetchResponse {
    requests.append(Request(url: url, headers: headers))
    switch answers[url] ?? answers["*"] ?? .response(HTTPFetchResponse(status: 404, body: Array("no route".utf8))) {
    case .response(let response): return response
    case .failure(let message): throw ConnectionRefused(description: message)
    }
  }

  var urls: [String] { requests.map(\.url) }
}

extension FakeHTTPFetcher.Answer {
  /// The fixture `name` from `Fixtures/news` as the body.
  static func fixture(_ name: String, status: Int = 200, headers: [String: String] = [:]) throws -> Self {
    .response(HTTPFetchResponse(status: status, headers: headers, body: try NewsFixture.bytes(name)))
  }

  static func text(_ body: String, status: Int = 200, headers: [String: String] = [:]) -> Self {
    .response(HTTPFetchResponse(status: status, headers: headers, body: Array(body.utf8)))
  }
}

/// The files under `Tests/SentimentTests/Fixtures/news`.
enum NewsFixture {
  static func bytes(_ name: String) throws -> [UInt8] {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/news"))
    return [UInt8](try Data(contentsOf: url))
  }
}

/// UTC instants the tests use, in epoch seconds worked out independently
/// (`int(datetime.fromisoformat("2026-11-25T14:03:00+00:00").timestamp())` in Python).
enum NewsTime {
  /// 2026-11-25T00:00:00Z, a Wednesday.
  static let midnight = Timestamp(secondsSinceEpoch: 1_795_564_800)

  /// `midnight` plus a time of day.
  static func at(_ hour: Int64, _ minute: Int64, _ second: Int64 = 0, nanoseconds: Int64 = 0) -> Timestamp {
    midnight.adding(seconds: hour * 3600 + minute * 60 + second).adding(nanoseconds: nanoseconds)
  }
}

/// A folder under the temporary directory, removed by `remove()`.
struct TemporaryFolder {
  let path: String

  init() throws {
    path = FileManager.default.temporaryDirectory.appendingPathComponent("news-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

  func write(_ name: String, _ bytes: [UInt8]) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: file(name)))
  }

  func write(_ name: String, lines: [String], trailingNewline: Bool = true) throws {
    try write(name, Array((lines.joined(separator: "\n") + (trailingNewline ? "\n" : "")).utf8))
  }

  func append(_ name: String, _ text: String) throws {
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file(name)))
    defer { try? handle.close() }
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(text.utf8))
  }

  func remove() { try? FileManager.default.removeItem(atPath: path) }
}
