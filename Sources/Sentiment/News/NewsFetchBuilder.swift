import TradingCore

/// Collects the items of one fetch that spans several requests, so that an article that comes
/// back for two symbols (two requests) is one item about both.
struct NewsFetchBuilder {
  private(set) var fetch = NewsFetch()
  /// Where each item with a URL is in `fetch.items`.
  private var positionByURL: [String: Int] = [:]

  /// Adds `item`, or adds its symbols to the item already collected with the same URL.
  mutating func add(_ item: NewsItem) {
    guard let url = item.url else {
      fetch.items.append(item)
      return
    }
    if let position = positionByURL[url] {
      for symbol in item.symbols where !fetch.items[position].symbols.contains(symbol) {
        fetch.items[position].symbols.append(symbol)
      }
    } else {
      positionByURL[url] = fetch.items.count
      fetch.items.append(item)
    }
  }

  /// Adds a read article published at or after `since`, or counts why it could not be read.
  mutating func add<Reason: Error & RawRepresentable<String>>(_ article: Result<NewsItem, Reason>, since: Timestamp) {
    switch article {
    case .success(let item) where item.publishedAt >= since: add(item)
    case .success: break
    case .failure(let reason): skip(reason.rawValue)
    }
  }

  mutating func skip(_ reason: String, count: Int = 1) {
    fetch.skipped[reason, default: 0] += count
  }
}
