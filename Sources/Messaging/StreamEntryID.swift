import TradingCore

/// The id of one entry in a stream: milliseconds of the clock that appended it, then a sequence
/// number that orders entries appended within the same millisecond.
///
/// The shape and the printed form (`1700000000000-3`) are those of Redis stream ids
/// (https://redis.io/docs/latest/develop/data-types/streams/#entry-ids), so an id read from
/// the in-process bus and one read from Redis mean the same thing and sort the same way.
public struct StreamEntryID: Sendable, Hashable, Comparable, CodableAsDescription {
  /// Milliseconds since the epoch, as the appending bus's clock read them.
  public var milliseconds: UInt64
  /// Position among the entries appended in the same millisecond, from 0.
  public var sequence: UInt64

  public init(milliseconds: UInt64, sequence: UInt64) {
    self.milliseconds = milliseconds
    self.sequence = sequence
  }

  /// `0-0`, smaller than every id a stream hands out: a group starting here reads the whole stream.
  public static let zero = StreamEntryID(milliseconds: 0, sequence: 0)

  public static func < (lhs: StreamEntryID, rhs: StreamEntryID) -> Bool {
    (lhs.milliseconds, lhs.sequence) < (rhs.milliseconds, rhs.sequence)
  }

  /// The id that follows this one in the same millisecond, or the first of the next millisecond
  /// when the sequence is exhausted (as Redis does).
  public var successor: StreamEntryID {
    sequence == .max
      ? StreamEntryID(milliseconds: milliseconds + 1, sequence: 0)
      : StreamEntryID(milliseconds: milliseconds, sequence: sequence + 1)
  }

  /// `ms-seq`, as Redis prints it.
  public var description: String { "\(milliseconds)-\(sequence)" }

  /// Parses `ms-seq`; both parts are required decimal numbers.
  public init?(_ description: String) {
    self.init(utf8: description.utf8)
  }

  /// Parses `ms-seq` from its UTF-8 bytes (a reply's bytes, without making a string first):
  /// digits, one `-`, digits; each part must fit 64 bits.
  init?(utf8 bytes: some Collection<UInt8>) {
    var parts: (UInt64, UInt64) = (0, 0)
    var digits = 0
    var inSequence = false
    for byte in bytes {
      if byte == UInt8(ascii: "-") {
        guard !inSequence, digits > 0 else { return nil }
        inSequence = true
        digits = 0
        continue
      }
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      let (times10, overflow) = (inSequence ? parts.1 : parts.0).multipliedReportingOverflow(by: 10)
      let (sum, carry) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
      guard !overflow, !carry else { return nil }
      if inSequence { parts.1 = sum } else { parts.0 = sum }
      digits += 1
    }
    guard inSequence, digits > 0 else { return nil }
    self.init(milliseconds: parts.0, sequence: parts.1)
  }
}
