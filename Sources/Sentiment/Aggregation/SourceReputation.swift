/// How far a publisher is trusted to report what actually happened, from 0 (not at all) to 1
/// (fully): the first factor of an item's authenticity.
///
/// A table from publisher to reputation, looked up case-insensitively by the publisher's name
/// (`Reuters`, `The Wall Street Journal`) or by a web domain (`reuters.com`,
/// `www.reuters.com`, `feeds.reuters.com` all match a `reuters.com` entry). Publishers not in
/// the table get `unknown`.
///
/// The values are editorial judgement, not measurements: nobody has measured how often each
/// outlet's headlines move prices the way their sentiment says. They encode an ordering that
/// most market practitioners would accept, and they are meant to be overridden through
/// `init(_:unknown:)` by anyone with better numbers.
public struct SourceReputation: Sendable, Hashable {
  /// Normalised publisher name or domain → reputation in [0, 1].
  public let table: [String: Double]
  /// The reputation of a publisher the table does not know.
  public let unknown: Double

  /// A table of publisher names or domains to reputations. Keys are matched case-insensitively
  /// (a leading `The ` and repeated spaces are ignored); values are clamped into [0, 1], and a
  /// NaN counts as 0 — an unreadable setting should not make a source trusted.
  public init(_ table: [String: Double], unknown: Double = 0.4) {
    var normalised: [String: Double] = [:]
    for (publisher, reputation) in table {
      normalised[Self.normalise(publisher)] = Self.clamp(reputation)
    }
    self.table = normalised
    self.unknown = Self.clamp(unknown)
  }

  /// The reputation of `publisher`: by name, else by the publisher read as a domain (each
  /// parent domain tried in turn), else `unknown`.
  public func reputation(of publisher: String) -> Double {
    lookup(publisher) ?? unknown
  }

  /// The reputation of `item`: by its publisher; when the publisher is not in the table, by the
  /// host of its URL, since providers often give a bare or odd publisher name but a real link.
  public func reputation(of item: NewsItem) -> Double {
    if let known = lookup(item.publisher) { return known }
    if let host = item.url.flatMap(Self.host(of:)), let known = lookup(host) { return known }
    return unknown
  }

  private func lookup(_ publisher: String) -> Double? {
    let key = Self.normalise(publisher)
    if let known = table[key] { return known }
    // A domain: try `a.b.example.com`, `b.example.com`, `example.com` (never the bare TLD).
    var labels = key.split(separator: ".", omittingEmptySubsequences: false)
    guard labels.count >= 2, !labels.contains(where: \.isEmpty), !key.contains(" ") else { return nil }
    while labels.count > 2 {
      labels.removeFirst()
      if let known = table[labels.joined(separator: ".")] { return known }
    }
    return nil
  }

  /// Lower case, typographic apostrophes made plain, runs of white space made one space, a
  /// leading `the ` and `www.` dropped.
  static func normalise(_ publisher: String) -> String {
    var text = publisher.lowercased().replacing("\u{2019}", with: "'")
    text = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    if text.hasPrefix("the ") { text.removeFirst(4) }
    if text.hasPrefix("www.") { text.removeFirst(4) }
    return text
  }

  /// The host of an `http(s)://host[:port]/…` URL, or nil.
  static func host(of url: String) -> String? {
    guard let scheme = url.firstRange(of: "://") else { return nil }
    let rest = url[scheme.upperBound...]
    let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    let hostAndPort = authority.split(separator: "@").last ?? authority
    let host = hostAndPort.prefix { $0 != ":" }
    return host.isEmpty ? nil : String(host)
  }

  private static func clamp(_ value: Double) -> Double {
    value.isNaN ? 0 : min(1, max(0, value))
  }
}

extension SourceReputation {
  /// The default table. Judgement, in four tiers:
  ///
  /// - **0.95 — wire services** (Reuters, Bloomberg, Associated Press): staff reporters, a
  ///   correction policy, and a business that depends on being first *and* right; their
  ///   headlines are what the rest of the press rewrites.
  /// - **0.85–0.9 — major financial press** (Dow Jones Newswires, The Wall Street Journal,
  ///   Financial Times, Barron's): edited, sourced reporting, a little slower than the wires.
  /// - **0.7–0.8 — broadcast and market-news sites** (CNBC, MarketWatch, Yahoo Finance,
  ///   Benzinga): fast and mostly accurate, but more rewritten wire copy, more speculation and
  ///   more attention-seeking headlines; Yahoo Finance is largely syndication.
  /// - **0.5–0.6 — opinion, promotion and press releases**: Seeking Alpha (contributor
  ///   articles, often by holders of the stock), The Motley Fool and Zacks (stock-picking
  ///   services whose headlines sell subscriptions); PR Newswire, Business Wire and
  ///   GlobeNewswire carry what the issuer wrote — genuine as to who said it, one-sided as to
  ///   what it means.
  ///
  /// `AITrader market wire` (our `MarketNewsGenerator`) gets 0.5: its items are real in that
  /// they describe the synthetic market truthfully, but they are derived from the price itself
  /// and add no information the price does not already carry, so they should count without
  /// dominating. Everything else — blogs, forums, unknown sites — gets 0.4, below every named
  /// source but not zero, so that several unknown sources telling the same story (see
  /// `AuthenticityScorer`'s corroboration) can still add up to something.
  public static let standard = SourceReputation(
    [
      "reuters": 0.95, "reuters.com": 0.95, "thomson reuters": 0.95,
      "bloomberg": 0.95, "bloomberg.com": 0.95, "bloomberg news": 0.95,
      "associated press": 0.95, "ap": 0.95, "ap news": 0.95, "apnews.com": 0.95, "ap.org": 0.95,
      "dow jones": 0.9, "dow jones newswires": 0.9, "djnewswires.com": 0.9,
      "wall street journal": 0.9, "wsj": 0.9, "wsj.com": 0.9,
      "financial times": 0.9, "ft": 0.9, "ft.com": 0.9,
      "barron's": 0.85, "barrons": 0.85, "barrons.com": 0.85,
      "cnbc": 0.8, "cnbc.com": 0.8,
      "marketwatch": 0.8, "marketwatch.com": 0.8,
      "yahoo finance": 0.7, "yahoo": 0.7, "finance.yahoo.com": 0.7,
      "benzinga": 0.7, "benzinga.com": 0.7,
      "seeking alpha": 0.55, "seekingalpha.com": 0.55,
      "motley fool": 0.5, "fool.com": 0.5,
      "zacks": 0.55, "zacks investment research": 0.55, "zacks.com": 0.55,
      "pr newswire": 0.6, "prnewswire": 0.6, "prnewswire.com": 0.6,
      "business wire": 0.6, "businesswire": 0.6, "businesswire.com": 0.6,
      "globenewswire": 0.6, "globe newswire": 0.6, "globenewswire.com": 0.6,
      "aitrader market wire": 0.5, "news.aitrader.local": 0.5,
    ], unknown: 0.4)
}
