/// How far one news item is believed: a weight in [0, 1] that the aggregator multiplies into
/// the item's say in its symbol's sentiment, with the factors it was made of kept for the API
/// and the logs, so that a user can see *why* an item counted little.
///
/// `AuthenticityScorer` makes it as
///
///     trust  = reputation + (1 − reputation) × corroboration
///     weight = trust × (1 − clickbaitPenalty) × (1 − capsPenalty) × (1 − agePenalty)
///
/// Every factor is in [0, 1], so the weight is too; each penalty is the fraction of the weight
/// it takes away (0: none, 1: all).
public struct Authenticity: Sendable, Hashable, Codable {
  /// The combined weight in [0, 1].
  public var weight: Double
  /// The publisher's reputation in [0, 1] (`SourceReputation`).
  public var reputation: Double
  /// In [0, 1): how much other publishers telling the same story make up for a low
  /// reputation; 0 when nobody else has it.
  public var corroboration: Double
  /// In [0, 1): the share taken away for clickbait wording and punctuation.
  public var clickbaitPenalty: Double
  /// In [0, 0.5]: the share taken away for a headline in capitals.
  public var capsPenalty: Double
  /// In [0, 1): the share taken away for an item already stale when assessed, or dated in the
  /// future.
  public var agePenalty: Double

  public init(
    weight: Double, reputation: Double, corroboration: Double = 0, clickbaitPenalty: Double = 0,
    capsPenalty: Double = 0, agePenalty: Double = 0
  ) {
    self.weight = weight
    self.reputation = reputation
    self.corroboration = corroboration
    self.clickbaitPenalty = clickbaitPenalty
    self.capsPenalty = capsPenalty
    self.agePenalty = agePenalty
  }

  /// An item believed fully: weight 1, a perfect reputation, no penalty.
  public static let full = Authenticity(weight: 1, reputation: 1)
}
