/// The name of a stream on the event bus (a Redis key in distributed mode).
///
/// The constants are the streams of DESIGN.md §4; other names are allowed (tests, new components)
/// as long as they are not empty.
public struct StreamName: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
  public let rawValue: String

  public init(rawValue: String) { self.rawValue = rawValue }

  public init(_ rawValue: String) { self.rawValue = rawValue }

  public var description: String { rawValue }

  /// Market ticks from the tick sources: optional and high volume.
  public static let ticks = StreamName("ticks")
  /// Scored signals from the pattern engine, read by the strategy engine.
  public static let signals = StreamName("signals:global")
  /// Order decisions from the strategy engine, read by execution.
  public static let orderDecisions = StreamName("orders:decisions")
  /// Fills from execution, read by the portfolio.
  public static let orderFills = StreamName("orders:fills")
  /// Every step of every order's life (`OrderTransition`s) from execution.
  public static let orderUpdates = StreamName("orders:updates")
  /// Per-symbol sentiment from the sentiment engine, each time a symbol's news changes.
  public static let sentimentUpdates = StreamName("sentiment:updates")
  /// Liveness beats of every component, read by `/api/status` to see dead components.
  public static let systemHeartbeat = StreamName("system:heartbeat")
}
