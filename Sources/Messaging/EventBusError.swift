/// Why an event bus operation failed. Each case names what the caller must fix.
public enum EventBusError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The stream does not exist: nothing was ever published to it and no group created on it.
  case noSuchStream(StreamName)
  /// The stream exists but has no group of that name: create it with `createGroup` first.
  case noSuchGroup(stream: StreamName, group: String)
  /// The bus was closed; no operation succeeds afterwards.
  case closed
  /// An argument is out of range (an empty name, a count below 1, a negative duration, no fields).
  case invalidArgument(String)

  public var description: String {
    switch self {
    case .noSuchStream(let stream): "no stream `\(stream)`"
    case .noSuchGroup(let stream, let group): "no consumer group `\(group)` on stream `\(stream)`"
    case .closed: "the event bus is closed"
    case .invalidArgument(let reason): "invalid argument: \(reason)"
    }
  }
}
