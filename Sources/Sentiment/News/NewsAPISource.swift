import TradingCore

/// News from NewsAPI's `everything` endpoint (https://newsapi.org/docs/endpoints/everything):
/// one request per symbol, `q=<SYMBOL>`, the newest `pageSize` English articles since `since`,
/// the key in the `X-Api-Key` header.
///
/// An error for any symbol fails the whole fetch, as the errors NewsAPI gives (rate limit, key)
/// would fail the other symbols' requests too. Error answers (https://newsapi.org/docs/errors)
/// map by their `code`: `rateLimited` and `apiKeyExhausted` (the quota is spent) →
/// `.rateLimited`; `apiKeyInvalid`, `apiKeyMissing`, `apiKeyDisabled` → `.unauthorized`; the
/// others → `.provider` with NewsAPI's code and message. An error without a JSON body maps by
/// HTTP status as every source does.
///
/// Articles are skipped and counted when `[Removed]` (`removed`) or missing a title
/// (`missing_title`), URL (`missing_url`) or a readable `publishedAt` (`missing_timestamp`,
/// `bad_timestamp`). Only the first page is read: with `sortBy=publishedAt`, the newest.
public struct NewsAPISource: NewsSource {
  public static let defaultBaseURL = "https://newsapi.org"

  public let name = "newsapi"
  private let apiKey: String
  private let fetcher: any HTTPFetching
  /// Scheme and host (and port) to ask, without a trailing slash.
  public let baseURL: String
  /// Articles per request, 1…100.
  public let pageSize: Int
  public let language: String

  public init(
    apiKey: String, fetcher: any HTTPFetching, baseURL: String = defaultBaseURL, pageSize: Int = 50,
    language: String = "en"
  ) {
    self.apiKey = apiKey
    self.fetcher = fetcher
    self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    self.pageSize = min(max(pageSize, 1), 100)
    self.language = language
  }

  public func fetch(symbols: [String], since: Timestamp) async throws(NewsSourceError) -> NewsFetch {
    var builder = NewsFetchBuilder()
    var asked: Set<String> = []
    for symbol in symbols.map({ $0.uppercased() }) where asked.insert(symbol).inserted {
      let response = try await NewsHTTP.get(
        url(for: symbol, since: since), headers: ["X-Api-Key": apiKey], with: fetcher, source: name)
      for article in try articles(in: response) {
        builder.add(item(from: article, symbol: symbol), since: since)
      }
    }
    return builder.fetch
  }

  /// The request for `symbol`'s articles since `since`.
  func url(for symbol: String, since: Timestamp) -> String {
    let query = NewsHTTP.query([
      "q": symbol, "from": NewsTimestamp.iso8601Seconds(since), "sortBy": "publishedAt", "language": language,
      "pageSize": String(pageSize),
    ])
    return "\(baseURL)/v2/everything?\(query)"
  }

  /// The `articles` of a success, or the error an error answer stands for.
  private func articles(in response: HTTPFetchResponse) throws(NewsSourceError) -> [JSONValue] {
    let body = JSONValue.parse(response.body)
    if body?["status"]?.string == "error" {
      throw error(code: body?["code"]?.string ?? "unknown", message: body?["message"]?.string ?? "", response)
    }
    try NewsHTTP.requireSuccess(response, source: name)
    guard let body, body["status"]?.string == "ok", let articles = body["articles"]?.array else {
      throw .malformed(
        source: name, detail: "expected {\"status\":\"ok\",\"articles\":[…]}, got \(NewsHTTP.excerpt(response.body))")
    }
    return articles
  }

  private func error(code: String, message: String, _ response: HTTPFetchResponse) -> NewsSourceError {
    switch code {
    case "rateLimited", "apiKeyExhausted":
      .rateLimited(source: name, message: message, retryAfter: NewsHTTP.retryAfter(response))
    case "apiKeyInvalid", "apiKeyMissing", "apiKeyDisabled": .unauthorized(source: name, message: message)
    default: .provider(source: name, code: code, message: message)
    }
  }

  private enum SkipReason: String, Error {
    case removed
    case missingTitle = "missing_title"
    case missingURL = "missing_url"
    case missingTimestamp = "missing_timestamp"
    case badTimestamp = "bad_timestamp"
  }

  private func item(from article: JSONValue, symbol: String) -> Result<NewsItem, SkipReason> {
    guard let title = article["title"]?.nonEmptyString else { return .failure(.missingTitle) }
    guard title != "[Removed]" else { return .failure(.removed) }
    guard let url = article["url"]?.nonEmptyString else { return .failure(.missingURL) }
    guard let published = article["publishedAt"]?.nonEmptyString else { return .failure(.missingTimestamp) }
    guard let publishedAt = NewsTimestamp.iso8601(published) else { return .failure(.badTimestamp) }
    return .success(
      NewsItem(
        title: PlainText.from(html: title),
        summary: article["description"]?.string.map { PlainText.from(html: $0) } ?? "", url: url,
        publisher: article["source"]?["name"]?.nonEmptyString ?? "unknown", provider: name,
        publishedAt: publishedAt, symbols: [symbol]))
  }
}
