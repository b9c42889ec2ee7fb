import TradingCore

/// One entry of an RSS or Atom feed, as plain text.
public struct FeedEntry: Sendable, Hashable {
  /// The title, HTML removed.
  public var title: String
  /// The description, summary or content, HTML removed; empty when there is none.
  public var summary: String
  /// The entry's web page.
  public var link: String?
  /// Who published it when the entry says (RSS `<source>`, Atom `<source><title>`).
  public var publisher: String?
  public var publishedAt: Timestamp

  public init(title: String, summary: String, link: String?, publisher: String?, publishedAt: Timestamp) {
    self.title = title
    self.summary = summary
    self.link = link
    self.publisher = publisher
    self.publishedAt = publishedAt
  }
}

/// What a feed holds: its own title and its readable entries, with the others counted by reason.
public struct ParsedFeed: Sendable, Hashable {
  /// The channel's or feed's title (`Reuters Business News`).
  public var title: String?
  public var entries: [FeedEntry]
  /// Entries left out: `missing_title`, `missing_timestamp`, `bad_timestamp`.
  public var skipped: [String: Int]

  public init(title: String?, entries: [FeedEntry], skipped: [String: Int]) {
    self.title = title
    self.entries = entries
    self.skipped = skipped
  }
}

/// Why a document is not a feed.
public enum FeedParseError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Not well-formed XML: truncated, mismatched tags, unquoted attributes, …
  case malformedXML(String)
  /// Well-formed, but its root is neither `rss`, `rdf:RDF` nor `feed`.
  case notAFeed(rootElement: String)

  public var description: String {
    switch self {
    case .malformedXML(let detail): "not well-formed XML: \(detail)"
    case .notAFeed(let root): "<\(root)> is not an RSS or Atom feed"
    }
  }
}

/// Reads RSS 2.0 (`rss/channel/item`), RSS 1.0 (`rdf:RDF/item`) and Atom (`feed/entry`).
///
/// RSS items: `title`, `link` (or a permalink `guid`), `description` (or `content:encoded`),
/// `pubDate` in RFC 822 (or `dc:date` in ISO 8601), `source`. Atom entries: `title`, the `link`
/// with `rel="alternate"` or no `rel` (else the first), `summary` (or `content`), `published`
/// (or `updated`), `source/title`. HTML in titles and summaries is reduced to text.
public enum FeedParser {
  /// The feed in `bytes` (UTF-8). Entries without a title or a readable date are counted in
  /// `skipped`; a document that is not well-formed XML, or not a feed, throws.
  public static func parse(_ bytes: [UInt8]) throws(FeedParseError) -> ParsedFeed {
    let root: XMLElementNode
    do {
      root = try XMLReader.parse(bytes)
    } catch {
      throw .malformedXML(error.description)
    }
    switch root.localName {
    case "rss":
      let channel = root.child("channel")
      return entries(of: channel?.children("item") ?? [], feedTitle: channel?.child("title"), read: rssEntry)
    case "RDF":
      return entries(of: root.children("item"), feedTitle: root.child("channel")?.child("title"), read: rssEntry)
    case "feed":
      return entries(of: root.children("entry"), feedTitle: root.child("title"), read: atomEntry)
    default:
      throw .notAFeed(rootElement: root.name)
    }
  }

  private static func entries(
    of elements: [XMLElementNode], feedTitle: XMLElementNode?,
    read: (XMLElementNode) -> Result<FeedEntry, EntryProblem>
  ) -> ParsedFeed {
    var parsed = ParsedFeed(title: feedTitle.flatMap(text), entries: [], skipped: [:])
    for element in elements {
      switch read(element) {
      case .success(let entry): parsed.entries.append(entry)
      case .failure(let problem): parsed.skipped[problem.rawValue, default: 0] += 1
      }
    }
    return parsed
  }

  private enum EntryProblem: String, Error {
    case missingTitle = "missing_title"
    case missingTimestamp = "missing_timestamp"
    case badTimestamp = "bad_timestamp"
  }

  private static func rssEntry(_ item: XMLElementNode) -> Result<FeedEntry, EntryProblem> {
    guard let title = item.child("title").flatMap(text) else { return .failure(.missingTitle) }
    let published: Timestamp
    if let pubDate = item.child("pubDate").flatMap(rawText) {
      guard let parsed = NewsTimestamp.rfc822(pubDate) ?? NewsTimestamp.iso8601(pubDate) else {
        return .failure(.badTimestamp)
      }
      published = parsed
    } else if let date = item.child("date").flatMap(rawText) {
      guard let parsed = NewsTimestamp.iso8601(date) else { return .failure(.badTimestamp) }
      published = parsed
    } else {
      return .failure(.missingTimestamp)
    }
    let summary = (item.child("description") ?? item.child("encoded")).flatMap(text) ?? ""
    return .success(
      FeedEntry(
        title: title, summary: summary, link: item.child("link").flatMap(rawText) ?? permalink(item),
        publisher: item.child("source").flatMap(text), publishedAt: published))
  }

  private static func atomEntry(_ entry: XMLElementNode) -> Result<FeedEntry, EntryProblem> {
    guard let title = entry.child("title").flatMap(text) else { return .failure(.missingTitle) }
    guard let date = (entry.child("published") ?? entry.child("updated")).flatMap(rawText) else {
      return .failure(.missingTimestamp)
    }
    guard let published = NewsTimestamp.iso8601(date) else { return .failure(.badTimestamp) }
    let summary = (entry.child("summary") ?? entry.child("content")).flatMap(text) ?? ""
    return .success(
      FeedEntry(
        title: title, summary: summary, link: atomLink(entry),
        publisher: entry.child("source")?.child("title").flatMap(text), publishedAt: published))
  }

  /// The `href` of the `rel="alternate"` link (or one without `rel`), else of the first link.
  private static func atomLink(_ entry: XMLElementNode) -> String? {
    let links = entry.children("link")
    let alternate = links.first { ($0.attributes["rel"] ?? "alternate") == "alternate" }
    return (alternate ?? links.first)?.attributes["href"].flatMap(nonEmpty)
  }

  /// The `guid` when it is a permalink (the default) and looks like a web address.
  private static func permalink(_ item: XMLElementNode) -> String? {
    guard let guid = item.child("guid"), guid.attributes["isPermaLink"] != "false",
      let value = rawText(guid), value.hasPrefix("http://") || value.hasPrefix("https://")
    else { return nil }
    return value
  }

  /// The element's text as plain text, nil when empty. Escaped HTML (`type="html"`, CDATA) and
  /// XHTML child elements (`type="xhtml"`) both lose their tags.
  private static func text(_ element: XMLElementNode) -> String? {
    nonEmpty(PlainText.from(html: markupFreeText(element)))
  }

  /// The text inside `element`, with a space where a block element (`<p>`, `<div>`) starts or ends.
  private static func markupFreeText(_ element: XMLElementNode) -> String {
    element.content.map {
      switch $0 {
      case .text(let text): text
      case .element(let child) where PlainText.isInline(String(child.localName).lowercased()):
        markupFreeText(child)
      case .element(let child): " \(markupFreeText(child)) "
      }
    }.joined()
  }

  /// The element's text as written, trimmed; nil when empty.
  private static func rawText(_ element: XMLElementNode) -> String? {
    nonEmpty(element.innerText)
  }

  private static func nonEmpty(_ text: String) -> String? {
    let trimmed = text.trimmingASCIISpaces
    return trimmed.isEmpty ? nil : String(trimmed)
  }
}
