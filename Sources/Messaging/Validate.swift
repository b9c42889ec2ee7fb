/// Argument checks shared by the bus implementations, so both reject the same input the same way.
enum Validate {
  static func name(_ value: String, _ what: String) throws {
    guard !value.isEmpty else { throw EventBusError.invalidArgument("\(what) must not be empty") }
  }

  static func atLeastOne(_ value: Int, _ what: String) throws {
    guard value >= 1 else { throw EventBusError.invalidArgument("\(what) must be at least 1, got \(value)") }
  }
}
