/// Argument checks shared by the bus implementations, so both reject the same input the same way.
enum Validate {
  static func name(_ value: String, _ what: String) throws {
    guard !value.isEmpty else { throw EventBusError.invalidArgument("\(what) must not be empty") }
  }

  static func atLeastOne(_ value: Int, _ what: String) throws {
    guard value >= 1 else { throw EventBusError.invalidArgument("\(what) must be at least 1, got \(value)") }
  }

  /// Checks the arguments of `EventBus.read` and answers `block` capped at a day — as good as
  /// forever here, and small enough that a deadline built from it cannot overflow.
  static func readArguments(group: String, consumer: String, count: Int, block: Duration?) throws -> Duration? {
    try name(group, "group name")
    try name(consumer, "consumer name")
    try atLeastOne(count, "count")
    if let block, block < .zero { throw EventBusError.invalidArgument("block must not be negative, got \(block)") }
    return block.map { min($0, .seconds(86_400)) }
  }
}
