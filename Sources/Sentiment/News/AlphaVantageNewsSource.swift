import TradingCore

/// News from Alpha Vantage's `NEWS_SENTIMENT` function
/// (https://www.alphavantage.co/documentation/#news-sentiment).
///
/// One request per symbol: Alpha Vantage reads `tickers=AAPL,MSFT` as articles that mention
/// *all* of them, not any. An item's symbols are the requested ones among its
/// `ticker_sentiment` tickers, or the symbol asked for when none is listed. `time_published`
/// (`20261125T140300`) is taken as UTC. The first error fails the whole fetch.
///
/// Alpha Vantage answers most errors with HTTP 200 and a one-key body: `Note` or `Information`
/// about the call frequency or the daily rate limit → `.rateLimited`; `Information` about the
/// API key (`the parameter apikey is invalid or missing`, the `demo` key) → `.unauthorized`; any
/// other `Information` (code `information`) or `Error Message` (code `error_message`) →
/// `.provider`. Items missing a title, URL or readable `time_published` are skipped and
/// counted (`missing_title`, `missing_url`, `missing_timestamp`, `bad_timestamp`).
public struct AlphaVantageNewsSource: NewsSource {
  public static let defaultBaseURL = "https://www.alphavantage.co"

  public let name = "alphavantage"
  private let apiKey: String
  private let fetcher: any HTTPFetching
  /// Scheme and host (and port) to ask, without a trailing slash.
  public let baseURL: String
  /// Articles per request, 1…1000.
  public let limit: Int

  public init(apiKey: String, fetcher: any HTTPFetching, baseURL: String = defaultBaseURL, limit: Int = 50) {
    self.apiKey = apiKey
    self.fetcher = fetcher
    self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    self.limit = min(max(limit, 1), 1000)
  }

  public func fetch(symbols: [String], since: Timestamp) async throws(NewsSourceError) -> NewsFetch {
    var wanted: [String] = []
    for symbol in symbols.map({ $0.uppercased() }) where !wanted.contains(symbol) { wanted.append(symbol) }
    var builder = NewsFetchBuilder()
    for symbol in wanted {
      let response = try await NewsHTTP.get(url(for: symbol, since: since), with: fetcher, source: name)
      for article in try feed(in: response) {
        builder.add(item(from: article, asked: symbol, wanted: wanted), since: since)
      }
    }
    return builder.fetch
  }

  /// The request for `symbol`'s articles since `since` (to the minute, rounded down).
  func url(for symbol: String, since: Timestamp) -> String {
    let query = NewsHTTP.query([
      "function": "NEWS_SENTIMENT", "tickers": symbol, "time_from": NewsTimestamp.compactMinutes(since),
      "limit": String(limit), "apikey": apiKey,
    ])
    return "\(baseURL)/query?\(query)"
  }

  /// The `feed` of a success, or the error the answer stands for.
  private func feed(in response: HTTPFetchResponse) throws(NewsSourceError) -> [JSONValue] {
    try NewsHTTP.requireSuccess(response, source: name)
    guard let body = JSONValue.parse(response.body), body.object != nil else {
      throw .malformed(source: name, detail: "not a JSON object: \(NewsHTTP.excerpt(response.body))")
    }
    if let message = body["Error Message"]?.string {
      throw .provider(source: name, code: "error_message", message: message)
    }
    if let message = body["Note"]?.string ?? body["Information"]?.string {
      throw error(forNotice: message, isNote: body["Note"] != nil)
    }
    guard let feed = body["feed"]?.array else {
      throw .malformed(source: name, detail: "no `feed` array: \(NewsHTTP.excerpt(response.body))")
    }
    return feed
  }

  private func error(forNotice message: String, isNote: Bool) -> NewsSourceError {
    let lowered = message.lowercased()
    if ["rate limit", "call frequency", "requests per day", "higher api call volume"].contains(where: lowered.contains)
    {
      return .rateLimited(source: name, message: message, retryAfter: nil)
    }
    if lowered.contains("apikey") || lowered.contains("api key") {
      return .unauthorized(source: name, message: message)
    }
    return .provider(source: name, code: isNote ? "note" : "information", message: message)
  }

  private enum SkipReason: String, Error {
    case missingTitle = "missing_title"
    case missingURL = "missing_url"
    case missingTimestamp = "missing_timestamp"
    case badTimestamp = "bad_timestamp"
  }

  private func item(from article: JSONValue, asked symbol: String, wanted: [String]) -> Result<NewsItem, SkipReason> {
    guard let title = article["title"]?.nonEmptyString else { return .failure(.missingTitle) }
    guard let url = article["url"]?.nonEmptyString else { return .failure(.missingURL) }
    guard let published = article["time_published"]?.nonEmptyString else { return .failure(.missingTimestamp) }
    guard let publishedAt = NewsTimestamp.compact(published) else { return .failure(.badTimestamp) }
    let tickers = Set((article["ticker_sentiment"]?.array ?? []).compactMap { $0["ticker"]?.string?.uppercased() })
    let about = wanted.filter(tickers.contains)
    return .success(
      NewsItem(
        title: PlainText.from(html: title), summary: article["summary"]?.string.map { PlainText.from(html: $0) } ?? "",
        url: url, publisher: article["source"]?.nonEmptyString ?? "unknown", provider: name,
        publishedAt: publishedAt, symbols: about.isEmpty ? [symbol] : about))
  }
}
