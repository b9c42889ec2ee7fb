import TradingCore

/// News from RSS and Atom feeds over HTTP.
///
/// A feed is general (items go to the requested symbols they name — see `TickerMentions`),
/// about fixed symbols (a company's investor-relations feed), or one feed per symbol from a URL
/// template (`https://feeds.finance.yahoo.com/rss/2.0/headline?s={symbol}&region=US&lang=en-US`).
/// Feeds are fetched one after another; a failure of any of them fails the fetch, so give
/// unrelated feeds their own `RSSNewsSource` (with its own `name`) when one failing should not
/// hide the others. An item's publisher is its own `<source>`, else the feed's title, else the
/// feed's host.
public struct RSSNewsSource: NewsSource {
  /// One feed and the symbols its items are about.
  public enum Feed: Sendable, Hashable {
    /// A feed about anything: an item goes to each requested symbol it names.
    case general(url: String)
    /// A feed about `symbols`; fetched only when one of them is requested.
    case about(symbols: [String], url: String)
    /// One feed per requested symbol: `{symbol}` in `template` is replaced by it (percent-encoded).
    case perSymbol(template: String)
  }

  public let name: String
  public let feeds: [Feed]
  private let fetcher: any HTTPFetching

  public init(feeds: [Feed], fetcher: any HTTPFetching, name: String = "rss") {
    self.feeds = feeds
    self.fetcher = fetcher
    self.name = name
  }

  public func fetch(symbols: [String], since: Timestamp) async throws(NewsSourceError) -> NewsFetch {
    var wanted: [String] = []
    for symbol in symbols.map({ $0.uppercased() }) where !wanted.contains(symbol) { wanted.append(symbol) }
    var builder = NewsFetchBuilder()
    for request in requests(for: wanted) {
      let feed = try await read(request.url)
      for (reason, count) in feed.skipped { builder.skip(reason, count: count) }
      for entry in feed.entries where entry.publishedAt >= since {
        let about = request.symbols ?? TickerMentions.named(in: "\(entry.title) \(entry.summary)", among: wanted)
        guard !about.isEmpty else { continue }
        builder.add(
          NewsItem(
            title: entry.title, summary: entry.summary, url: entry.link,
            publisher: entry.publisher ?? feed.title ?? Self.host(of: request.url) ?? name, provider: name,
            publishedAt: entry.publishedAt, symbols: about))
      }
    }
    return builder.fetch
  }

  /// A URL to fetch and the symbols its items are about (nil: the symbols each item names).
  struct Request: Hashable {
    var url: String
    var symbols: [String]?
  }

  /// The requests one fetch of `wanted` (upper-case, distinct) makes, in feed order.
  func requests(for wanted: [String]) -> [Request] {
    feeds.flatMap { feed -> [Request] in
      switch feed {
      case .general(let url):
        return wanted.isEmpty ? [] : [Request(url: url, symbols: nil)]
      case .about(let symbols, let url):
        let about = wanted.filter(Set(symbols.map { $0.uppercased() }).contains)
        return about.isEmpty ? [] : [Request(url: url, symbols: about)]
      case .perSymbol(let template):
        return wanted.map {
          Request(url: template.replacing("{symbol}", with: NewsHTTP.percentEncoded($0)), symbols: [$0])
        }
      }
    }
  }

  private func read(_ url: String) async throws(NewsSourceError) -> ParsedFeed {
    let response = try await NewsHTTP.get(url, with: fetcher, source: name)
    try NewsHTTP.requireSuccess(response, source: name)
    do {
      return try FeedParser.parse(response.body)
    } catch {
      throw .malformed(source: name, detail: "\(url): \(error)")
    }
  }

  /// `www.example.com` for `https://www.example.com/feed`.
  private static func host(of url: String) -> String? {
    guard let schemeEnd = url.firstRange(of: "://") else { return nil }
    let host = url[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != ":" }
    return host.isEmpty ? nil : String(host)
  }
}
