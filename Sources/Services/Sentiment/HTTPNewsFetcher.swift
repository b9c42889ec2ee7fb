import NIOCore
import Sentiment

/// The news sources' HTTP GET over `ResilientHTTPClient`: one attempt with a time limit by
/// default, because a provider that answers 429 wants fewer calls, not more.
public struct HTTPNewsFetcher: HTTPFetching {
  public let client: ResilientHTTPClient

  public init(client: ResilientHTTPClient = ResilientHTTPClient(policy: .init(timeout: .seconds(10), attempts: 1))) {
    self.client = client
  }

  public func get(_ url: String, headers: [String: String]) async throws -> HTTPFetchResponse {
    let response = try await client.send(.GET, url, headers: headers)
    var names: [String: String] = [:]
    for header in response.headers { names[header.name.lowercased()] = header.value }
    return HTTPFetchResponse(status: response.status, headers: names, body: Array(buffer: response.body))
  }
}
