/// Bounds on what `RESPParser` accepts, so that a broken or hostile server cannot make the client
/// allocate without limit or recurse without end: past any of them the parser throws instead.
///
/// The defaults are far above any reply the commands of this module get (a stream read of a few
/// thousand entries nests four deep and holds some ten thousand elements) and far below what would
/// exhaust a process.
public struct RESPParserLimits: Sendable, Hashable {
  /// Deepest nesting of arrays, maps, sets and pushes; `XINFO STREAM FULL` nests about six deep.
  public var maxDepth: Int
  /// Longest bulk string in bytes (Redis's own `proto-max-bulk-len` is 512 MiB).
  public var maxBulkLength: Int
  /// Most elements of one aggregate (pairs count twice in a map).
  public var maxAggregateElements: Int
  /// Longest simple line (status, error, number) before its CRLF.
  public var maxLineLength: Int

  public init(
    maxDepth: Int = 32, maxBulkLength: Int = 64 * 1024 * 1024, maxAggregateElements: Int = 4 * 1024 * 1024,
    maxLineLength: Int = 64 * 1024
  ) {
    self.maxDepth = maxDepth
    self.maxBulkLength = maxBulkLength
    self.maxAggregateElements = maxAggregateElements
    self.maxLineLength = maxLineLength
  }

  public static let `default` = RESPParserLimits()
}
