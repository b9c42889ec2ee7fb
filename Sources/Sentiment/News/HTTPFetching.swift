/// A plain HTTP GET, so that the news sources that speak HTTP stay free of any HTTP client:
/// the services give them one over AsyncHTTPClient (with timeouts and retries), tests a fake.
public protocol HTTPFetching: Sendable {
  /// GETs `url` with `headers`; throws only when no answer came (refused, timed out). Any
  /// status, 4xx and 5xx included, is an answer.
  func get(_ url: String, headers: [String: String]) async throws -> HTTPFetchResponse
}

/// An HTTP answer: status, headers (names lower-cased) and body bytes.
public struct HTTPFetchResponse: Sendable, Hashable {
  public var status: Int
  /// Header values by lower-cased name.
  public var headers: [String: String]
  public var body: [UInt8]

  public init(status: Int, headers: [String: String] = [:], body: [UInt8]) {
    self.status = status
    self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last })
    self.body = body
  }
}
