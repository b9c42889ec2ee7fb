import TradingCore

/// One news item: a headline with its summary, who published it and when, and the symbols it
/// is about. Every news source turns its provider's format into this.
public struct NewsItem: Sendable, Hashable {
  /// The headline.
  public var title: String
  /// The provider's summary or description; may be empty.
  public var summary: String
  /// Where the item can be read; nil when the provider gives none.
  public var url: String?
  /// The publisher as the provider names it (`Reuters`, `Bloomberg`, `AITrader market wire`).
  public var publisher: String
  /// The news source that delivered it (`jsonl`, `rss`, `newsapi`, `alphavantage`).
  public var provider: String
  public var publishedAt: Timestamp
  /// Upper-cased symbols the item is about.
  public var symbols: [String]

  public init(
    title: String, summary: String = "", url: String? = nil, publisher: String, provider: String,
    publishedAt: Timestamp, symbols: [String]
  ) {
    self.title = title
    self.summary = summary
    self.url = url
    self.publisher = publisher
    self.provider = provider
    self.publishedAt = publishedAt
    self.symbols = symbols
  }

  /// What is scored for sentiment: the headline, and the summary when there is one.
  public var text: String { summary.isEmpty ? title : "\(title). \(summary)" }
}
