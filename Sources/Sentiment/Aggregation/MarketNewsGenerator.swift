import TradingCore

/// A small generated news feed that follows the synthetic market, so that the embedded default
/// (`aitrader run` with no news source configured) has news to score and the sentiment path is
/// exercised end to end. Deterministic: the same seed and the same calls give the same items.
///
/// Call `headline(symbol:price:previousPrice:at:)` at the cadence news should come at most
/// (e.g. once a minute of market time per symbol) with the price at the previous call. When
/// the move `r = price / previousPrice − 1` is at least `threshold` in size, it writes a
/// headline in the move's direction, worded by size — under 1 %, 1–3 %, 3 % and more — with
/// words the Loughran–McDonald dictionary scores (gains, strong, improved; losses, decline,
/// weak, concerns), so that the lexicon scorer and FinBERT read it the way the price went. So
/// that the feed is not a pure echo of the price:
///
/// - with probability `contrarianProbability` a move gets a contrarian item instead, worded
///   against it (a rise "but analysts flag concerns"), as real coverage sometimes is;
/// - a quiet move (below `threshold`) usually gives no item, but with probability
///   `neutralProbability` a neutral one ("trades near $187.40 in a quiet session").
///
/// Items are published by `AITrader market wire` (provider `generated`) with the URL
/// `https://news.aitrader.local/<symbol>/<timestamp-ns>`, unique per symbol and time.
public struct MarketNewsGenerator: Sendable {
  /// The publisher of every generated item; `SourceReputation.standard` knows it.
  public static let publisher = "AITrader market wire"
  /// The provider of every generated item.
  public static let provider = "generated"

  /// Smallest move, as a fraction (0.005 = 0.5 %), that makes a directional headline.
  public let threshold: Double
  /// Chance that a quiet move gives a neutral item.
  public let neutralProbability: Double
  /// Chance that a move gets a headline worded against it.
  public let contrarianProbability: Double
  private var random: SplitMix64

  public init(
    seed: UInt64, threshold: Double = 0.005, neutralProbability: Double = 0.1, contrarianProbability: Double = 0.1
  ) {
    self.threshold = threshold
    self.neutralProbability = neutralProbability
    self.contrarianProbability = contrarianProbability
    random = SplitMix64(seed: seed)
  }

  /// The item for `symbol`'s move from `previousPrice` to `price` at `at`, or nil when there is
  /// none (a quiet move without a neutral item, or a price that is not positive and finite).
  public mutating func headline(symbol: String, price: Double, previousPrice: Double, at: Timestamp) -> NewsItem? {
    let valid = 0 < price && price < 1e12 && 0 < previousPrice && previousPrice < 1e12
    guard valid else { return nil }
    let move = price / previousPrice - 1
    let draw = random.nextUnit()
    let kind: Kind
    if abs(move) < threshold {
      guard draw < neutralProbability else { return nil }
      kind = .neutral
    } else if draw < contrarianProbability {
      kind = move > 0 ? .upContrarian : .downContrarian
    } else {
      kind = move > 0 ? .up(Size(move: move)) : .down(Size(move: move))
    }
    let words = Words(
      symbol: symbol, percent: Self.percent(move), price: Self.dollars(price), previous: Self.dollars(previousPrice))
    let (titles, summaries) = Self.templates(for: kind)
    return NewsItem(
      title: pick(titles)(words), summary: pick(summaries)(words),
      url: "https://news.aitrader.local/\(symbol)/\(at.nanosecondsSinceEpoch)", publisher: Self.publisher,
      provider: Self.provider, publishedAt: at, symbols: [symbol.uppercased()])
  }

  /// How large a move is, which sets the wording.
  enum Size: Sendable, Equatable {
    case modest, solid, sharp

    init(move: Double) {
      switch abs(move) {
      case ..<0.01: self = .modest
      case ..<0.03: self = .solid
      default: self = .sharp
      }
    }
  }

  /// Which way an item is worded.
  enum Kind: Sendable, Equatable {
    case up(Size), down(Size), upContrarian, downContrarian, neutral
  }

  /// What a template fills in: the symbol, the move's size (`2.1`), and the prices (`187.40`).
  struct Words {
    var symbol: String
    var percent: String
    var price: String
    var previous: String
  }

  typealias Template = @Sendable (Words) -> String

  private mutating func pick(_ templates: [Template]) -> Template {
    let index = Int(random.nextUnit() * Double(templates.count))
    return templates[min(index, templates.count - 1)]
  }

  /// `|move|` in percent with one decimal: `0.0213` → `2.1`.
  static func percent(_ move: Double) -> String {
    let tenths = Int((abs(move) * 1000).rounded())
    return "\(tenths / 10).\(tenths % 10)"
  }

  /// A price with two decimals: `187.4` → `187.40`.
  static func dollars(_ price: Double) -> String {
    let cents = Int((price * 100).rounded())
    let fraction = cents % 100
    return "\(cents / 100).\(fraction < 10 ? "0" : "")\(fraction)"
  }
}

extension MarketNewsGenerator {
  /// Headline and summary templates for `kind`. Words marked by Loughran–McDonald carry the
  /// tone (positive: gain(s), strong, stronger, improved, better, rebound, opportunity;
  /// negative: decline(s), loss(es), weak, concerns, worries, warn, slowdown); the rest —
  /// climb, slide, rally, trades, quiet — the dictionary ignores. Neutral templates use no
  /// scored word at all.
  static func templates(for kind: Kind) -> (titles: [Template], summaries: [Template]) {
    switch kind {
    case .up(let size): (upTitles(size), upSummaries)
    case .down(let size): (downTitles(size), downSummaries)
    case .upContrarian: (upContrarianTitles, upContrarianSummaries)
    case .downContrarian: (downContrarianTitles, downContrarianSummaries)
    case .neutral: (neutralTitles, neutralSummaries)
    }
  }

  static func upTitles(_ size: Size) -> [Template] {
    switch size {
    case .modest:
      [
        { "\($0.symbol) edges up \($0.percent)% on improved demand outlook" },
        { "\($0.symbol) gains \($0.percent)% in steady trading" },
        { "\($0.symbol) ticks up \($0.percent)% as buyers show strong interest" },
      ]
    case .solid:
      [
        { "\($0.symbol) shares climb \($0.percent)% as buyers return on strong results" },
        { "\($0.symbol) rallies \($0.percent)% on improved earnings outlook" },
        { "\($0.symbol) adds \($0.percent)% as gains broaden across the sector" },
      ]
    case .sharp:
      [
        { "\($0.symbol) surges \($0.percent)% on strong results and improved guidance" },
        { "\($0.symbol) jumps \($0.percent)%, its strongest gain in weeks" },
        { "\($0.symbol) soars \($0.percent)% as investors cheer better earnings" },
      ]
    }
  }

  static func downTitles(_ size: Size) -> [Template] {
    switch size {
    case .modest:
      [
        { "\($0.symbol) eases \($0.percent)% on weak demand concerns" },
        { "\($0.symbol) slips \($0.percent)% as concerns weigh on shares" },
        { "\($0.symbol) dips \($0.percent)% in weak trading" },
      ]
    case .solid:
      [
        { "\($0.symbol) slides \($0.percent)% amid broad selling and weak sentiment" },
        { "\($0.symbol) falls \($0.percent)% as losses deepen" },
        { "\($0.symbol) shares decline \($0.percent)% on growing concerns" },
      ]
    case .sharp:
      [
        { "\($0.symbol) plunges \($0.percent)% as losses mount on weak outlook" },
        { "\($0.symbol) tumbles \($0.percent)% amid a sharp decline in demand" },
        { "\($0.symbol) sinks \($0.percent)% on worries over a slowdown" },
      ]
    }
  }

  static let upSummaries: [Template] = [
    { "\($0.symbol) last traded at \($0.price), up from \($0.previous); buyers showed strong interest." },
    { "Shares of \($0.symbol) rose to \($0.price) from \($0.previous) on improved sentiment." },
  ]

  static let downSummaries: [Template] = [
    { "\($0.symbol) last traded at \($0.price), down from \($0.previous); sellers cited weak demand." },
    { "Shares of \($0.symbol) fell to \($0.price) from \($0.previous) as concerns over the outlook grew." },
  ]

  static let upContrarianTitles: [Template] = [
    { "\($0.symbol) rises \($0.percent)% but analysts flag concerns over weak margins" },
    { "Analysts warn \($0.symbol) rally of \($0.percent)% may fade on slowdown worries" },
  ]

  static let upContrarianSummaries: [Template] = [
    { "\($0.symbol) moved to \($0.price) from \($0.previous), yet analysts see losses ahead." }
  ]

  static let downContrarianTitles: [Template] = [
    { "\($0.symbol) dips \($0.percent)% but analysts see a strong rebound opportunity" },
    { "Analysts call \($0.symbol) drop of \($0.percent)% a buying opportunity on improved outlook" },
  ]

  static let downContrarianSummaries: [Template] = [
    { "\($0.symbol) moved to \($0.price) from \($0.previous), yet analysts expect better results ahead." }
  ]

  static let neutralTitles: [Template] = [
    { "\($0.symbol) trades near \($0.price) in a quiet session" },
    { "\($0.symbol) holds around \($0.price) as investors await fresh news" },
    { "\($0.symbol) little changed at \($0.price) in light trading" },
  ]

  static let neutralSummaries: [Template] = [
    { "\($0.symbol) moved from \($0.previous) to \($0.price) since the previous update." },
    { "Trading in \($0.symbol) was quiet, with the price close to \($0.previous)." },
  ]
}
