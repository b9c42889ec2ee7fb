import Foundation

/// The sentiment engine reached over HTTP (`GET {baseURL}/sentiment/{symbol}`): the sentiment
/// reader of a strategy engine that runs apart from the sentiment engine. Refusals throw
/// `RemoteServiceError`.
public struct HTTPSentimentReader: SentimentReading {
  /// The engine's address, e.g. `http://127.0.0.1:8002`.
  public let baseURL: String
  public let client: ResilientHTTPClient

  public init(baseURL: String, client: ResilientHTTPClient = ResilientHTTPClient()) {
    self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    self.client = client
  }

  public func sentiment(for symbol: String) async throws -> SentimentView {
    let path = symbol.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? symbol
    let response = try await client.send(.GET, baseURL + "/sentiment/" + path)
    guard response.status == 200 else { throw RemoteServiceError(service: "sentiment engine", response: response) }
    return try JSONDecoder().decode(SentimentView.self, from: Data(buffer: response.body))
  }
}
