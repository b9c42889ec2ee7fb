import Foundation

/// The sentiment engine reached over HTTP (`GET {baseURL}/sentiment/{symbol}`): the sentiment
/// reader of a strategy engine that runs apart from the sentiment engine.
public struct HTTPSentimentReader: SentimentReading {
  /// The engine's address, e.g. `http://127.0.0.1:8002`.
  public let baseURL: String
  public let client: ResilientHTTPClient

  /// The engine refused or failed the request.
  public struct RemoteError: Error, Hashable, CustomStringConvertible {
    public var status: Int
    public var detail: String
    public var description: String { "sentiment engine answered \(status): \(detail)" }
  }

  public init(baseURL: String, client: ResilientHTTPClient = ResilientHTTPClient()) {
    self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    self.client = client
  }

  public func sentiment(for symbol: String) async throws -> SentimentView {
    let path = symbol.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? symbol
    let response = try await client.send(.GET, baseURL + "/sentiment/" + path)
    let data = Data(buffer: response.body)
    guard response.status == 200 else {
      let error = try? JSONDecoder().decode(APIErrorBody.self, from: data)
      throw RemoteError(status: response.status, detail: error?.detail ?? "no error body")
    }
    return try JSONDecoder().decode(SentimentView.self, from: data)
  }
}
