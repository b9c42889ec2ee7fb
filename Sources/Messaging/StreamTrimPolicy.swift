/// How a stream is kept bounded as entries are published to it (DESIGN.md §4: never unbounded).
///
/// Streams carry events between components; history lives in the store. A stream only needs to
/// hold what a consumer that restarts or falls behind has not read yet, so every publish trims.
/// Trimming drops entries whether or not a group has read or acknowledged them, as Redis does:
/// size the bound so that it outlasts the longest consumer outage you mean to survive.
public enum StreamTrimPolicy: Sendable, Hashable {
  /// Keep at least the newest `count` entries (`XADD … MAXLEN ~ count`). Approximate: a bus may
  /// keep more (Redis trims whole macro nodes, up to 100 entries more by default), never fewer.
  case maxLength(Int)
  /// Drop entries whose id is older than `age` before now (`XADD … MINID ~ <now − age>`);
  /// approximate in the same way as `maxLength`.
  case maxAge(Duration)

  /// The bound used when a publisher names none. The length bounds keep memory fixed whatever the
  /// rate: ticks are optional and lossy by nature, so they get the smallest; the heartbeat only
  /// matters while fresh.
  public static func standard(for stream: StreamName) -> StreamTrimPolicy {
    switch stream {
    case .ticks: .maxLength(100_000)
    case .systemHeartbeat: .maxLength(1_000)
    case .sentimentUpdates: .maxLength(10_000)
    default: .maxLength(1_000_000)
    }
  }

  /// The smallest id an entry may keep under `maxAge` at `nowMilliseconds`, or nil for `maxLength`.
  func minimumID(nowMilliseconds: Int64) -> StreamEntryID? {
    guard case .maxAge(let age) = self else { return nil }
    let cutoff = nowMilliseconds - age.wholeMilliseconds
    return StreamEntryID(milliseconds: UInt64(max(0, cutoff)), sequence: 0)
  }

  /// Why the policy cannot be applied, or nil when it is valid.
  var invalidReason: String? {
    switch self {
    case .maxLength(let count) where count < 0: "maxLength must not be negative, got \(count)"
    case .maxAge(let age) where age < .zero: "maxAge must not be negative, got \(age)"
    default: nil
    }
  }
}

extension Duration {
  /// The duration in whole milliseconds, rounded down: the unit Redis uses for ids, idle times and
  /// blocking timeouts.
  /// Saturates rather than overflowing, so an absurd argument is an error, not a crash.
  var wholeMilliseconds: Int64 {
    let (seconds, attoseconds) = components
    let (milliseconds, overflow) = seconds.multipliedReportingOverflow(by: 1_000)
    if overflow { return seconds < 0 ? .min : .max }
    return milliseconds.addingReportingOverflow(attoseconds / 1_000_000_000_000_000).partialValue
  }
}
