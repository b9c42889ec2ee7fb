/// What `NewsDeduplicator.admit` decided about an item.
public enum NewsAdmission: Sendable, Hashable {
  /// Not seen before; `key` identifies it from now on (its canonical URL, else `title:<normalised>`).
  case new(key: String)
  /// The same story as the item first admitted under `of`; `crossSource` when that one came from
  /// another publisher (the story spread, rather than one publisher repeating itself).
  case duplicate(of: String, crossSource: Bool)
}

/// Recognises news items already seen — the same URL, or the same headline — across sources
/// and fetches, in bounded memory.
///
/// Two items are the same story when their canonical URLs (`canonicalURL(_:)`) or their
/// normalised titles (`normalisedTitle(_:)`) match. A duplicate also teaches its own URL and
/// title, so that a third copy matching only the second is caught. Beyond `capacity` keys the
/// oldest are forgotten, so a story far older than `capacity` items may be admitted again.
public struct NewsDeduplicator: Sendable {
  /// The first sighting a key leads to.
  private struct Sighting: Sendable {
    var key: String
    var publisher: String
  }

  public let capacity: Int
  private var sightings: [String: Sighting] = [:]
  /// Keys in the order they were learned; `sightings` holds those from `oldest` on.
  private var learned: [String] = []
  private var oldest = 0

  public init(capacity: Int = 50_000) {
    self.capacity = max(capacity, 1)
  }

  /// How many keys (URLs and titles) are remembered.
  public var count: Int { sightings.count }

  /// Whether `item` is new, remembering it either way.
  public mutating func admit(_ item: NewsItem) -> NewsAdmission {
    let urlKey = item.url.flatMap(Self.canonicalURL)
    let title = Self.normalisedTitle(item.title)
    let titleKey = title.isEmpty ? nil : "title:" + title
    let keys = [urlKey, titleKey].compactMap { $0 }
    let publisher = Self.publisherKey(item.publisher)
    if let first = firstSighting(of: keys) {
      for key in keys where sightings[key] == nil { learn(key, first) }
      return .duplicate(of: first.key, crossSource: first.publisher != publisher)
    }
    let key = keys.first ?? "title:" + item.title
    let sighting = Sighting(key: key, publisher: publisher)
    for key in keys.isEmpty ? [key] : keys { learn(key, sighting) }
    return .new(key: key)
  }

  private func firstSighting(of keys: [String]) -> Sighting? {
    for key in keys {
      if let sighting = sightings[key] { return sighting }
    }
    return nil
  }

  private mutating func learn(_ key: String, _ sighting: Sighting) {
    sightings[key] = sighting
    learned.append(key)
    while sightings.count > capacity {
      sightings[learned[oldest]] = nil
      oldest += 1
    }
    if oldest > 1024 && oldest * 2 > learned.count {
      learned.removeFirst(oldest)
      oldest = 0
    }
  }

  private static func publisherKey(_ publisher: String) -> String {
    PlainText.collapsingWhitespace(publisher).lowercased()
  }

  /// `url` without what varies between links to the same page: scheme and host lower-cased, no
  /// `www.`, no default port, no fragment, no tracking parameters (`utm_*`, `fbclid`, `gclid`),
  /// no trailing slash. Nil when `url` is not an absolute http(s) URL.
  ///
  /// `https://www.Reuters.com/markets/apple-beats/?utm_source=x&id=7#top` →
  /// `https://reuters.com/markets/apple-beats?id=7`.
  public static func canonicalURL(_ url: String) -> String? {
    var rest = Substring(url.trimmingASCIISpaces)
    guard let schemeEnd = rest.firstRange(of: "://") else { return nil }
    let scheme = rest[..<schemeEnd.lowerBound].lowercased()
    guard scheme == "http" || scheme == "https" else { return nil }
    rest = rest[schemeEnd.upperBound...]
    if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
    let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
    var host = rest[..<authorityEnd].lowercased()
    if let at = host.lastIndex(of: "@") { host = String(host[host.index(after: at)...]) }
    if host.hasSuffix(scheme == "https" ? ":443" : ":80") { host = String(host.dropLast(scheme == "https" ? 4 : 3)) }
    if host.hasPrefix("www.") { host = String(host.dropFirst(4)) }
    guard !host.isEmpty else { return nil }
    rest = rest[authorityEnd...]
    let queryStart = rest.firstIndex(of: "?") ?? rest.endIndex
    var path = rest[..<queryStart]
    while path.hasSuffix("/") { path = path.dropLast() }
    let parameters = rest[queryStart...].dropFirst().split(separator: "&").filter { !isTracking($0) }
    return "\(scheme)://\(host)\(path)" + (parameters.isEmpty ? "" : "?" + parameters.joined(separator: "&"))
  }

  private static func isTracking(_ parameter: Substring) -> Bool {
    let name = (parameter.split(separator: "=", maxSplits: 1).first ?? "").lowercased()
    return name.hasPrefix("utm_") || name == "fbclid" || name == "gclid"
  }

  /// `title` reduced to what survives rewording by aggregators: a trailing ` - Publisher` or
  /// ` | Publisher` removed, then lower-cased, accents removed, punctuation removed, whitespace
  /// collapsed. `Apple’s Q4 Beats Estimates — Café Report - Reuters` → `apples q4 beats
  /// estimates cafe report`.
  ///
  /// The suffix is taken for a publisher when it is at most five words that each start with a
  /// capital, a digit or a symbol (`Reuters`, `The Wall Street Journal`, `Yahoo Finance`): a
  /// headline's own lower-case continuation (`Apple beats - shares jump`) stays.
  public static func normalisedTitle(_ title: String) -> String {
    var folded = ""
    for character in withoutPublisherSuffix(title).lowercased() {
      if character.isWhitespace {
        folded.append(" ")
      } else if character.isLetter || character.isNumber {
        folded += foldingAccents(character)
      }
    }
    return PlainText.collapsingWhitespace(folded)
  }

  static func withoutPublisherSuffix(_ title: String) -> Substring {
    let title = title.trimmingASCIISpaces
    let separators = [title.ranges(of: " - "), title.ranges(of: " | "), title.ranges(of: " \u{2013} ")].joined()
    guard let separator = separators.max(by: { $0.lowerBound < $1.lowerBound }) else { return title }
    let head = title[..<separator.lowerBound]
    let words = title[separator.upperBound...].split(separator: " ")
    let looksLikePublisher =
      (1...5).contains(words.count) && words.allSatisfy { $0.first.map { $0.isUppercase || !$0.isLowercase } ?? false }
    return looksLikePublisher && !head.trimmingASCIISpaces.isEmpty ? head : title
  }

  /// The character without combining marks after canonical decomposition: `é` → `e`.
  private static func foldingAccents(_ character: Character) -> String {
    var scalars = ""
    for scalar in character.unicodeScalars {
      var parts: [UInt32] = []
      CanonicalDecomposition.shared.append(scalar.value, to: &parts)
      for part in parts {
        guard let decomposed = Unicode.Scalar(part), decomposed.properties.generalCategory != .nonspacingMark
        else { continue }
        scalars.unicodeScalars.append(decomposed)
      }
    }
    return scalars
  }
}
