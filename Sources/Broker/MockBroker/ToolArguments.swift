import MCP
import TradingCore

/// A tool call's arguments, read with checks: each accessor names the argument and what it
/// should have been when it is missing or of the wrong type.
struct ToolArguments {
  let tool: String
  private let values: [String: Value]

  /// Refuses arguments the tool does not take, naming the ones it does.
  init(tool: String, values: [String: Value]?, allowed: [String]) throws(MockBrokerError) {
    self.tool = tool
    self.values = values ?? [:]
    for key in self.values.keys.sorted() where !allowed.contains(key) {
      let takes = allowed.isEmpty ? "no arguments" : allowed.joined(separator: ", ")
      throw .invalidArgument("\(tool): unknown argument '\(key)'; it takes \(takes)")
    }
  }

  /// A non-empty string, or `nil` when absent and not required.
  func string(_ key: String, required: Bool = true) throws(MockBrokerError) -> String? {
    guard let value = present(key) else {
      if required { throw .invalidArgument("\(tool): '\(key)' is required") }
      return nil
    }
    guard case .string(let text) = value else { throw wrongType(key, value, expected: "a string") }
    guard !text.isEmpty else { throw .invalidArgument("\(tool): '\(key)' is empty") }
    return text
  }

  /// A list of non-empty strings; empty when absent.
  func strings(_ key: String) throws(MockBrokerError) -> [String] {
    guard let value = present(key) else { return [] }
    guard case .array(let items) = value else { throw wrongType(key, value, expected: "an array of strings") }
    var strings: [String] = []
    for (index, item) in items.enumerated() {
      guard case .string(let text) = item, !text.isEmpty else {
        throw .invalidArgument("\(tool): '\(key)[\(index)]' must be a non-empty string")
      }
      strings.append(text)
    }
    return strings
  }

  /// One of `choices` (named in any letter case), or `fallback` when absent.
  func choice<Choice: RawRepresentable<String>>(_ key: String, fallback: Choice? = nil, choices: [Choice])
    throws(MockBrokerError) -> Choice
  {
    guard let text = try string(key, required: fallback == nil) else {
      guard let fallback else { throw .invalidArgument("\(tool): '\(key)' is required") }
      return fallback
    }
    guard let choice = choices.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else {
      throw .invalidArgument(
        "\(tool): '\(key)' must be one of \(choices.map { $0.rawValue.lowercased() }.joined(separator: ", ")), "
          + "got '\(text)'")
    }
    return choice
  }

  /// A positive exact decimal given as a string ("10.5") or a JSON number, or `nil` when absent
  /// and not required.
  func positiveDecimal(_ key: String, required: Bool = true) throws(MockBrokerError) -> Fixed? {
    guard let value = present(key) else {
      if required { throw .invalidArgument("\(tool): '\(key)' is required") }
      return nil
    }
    let number: Fixed?
    switch value {
    case .string(let text): number = Fixed(text)
    case .int(let whole): number = Fixed(exactly: Double(whole))
    case .double(let real): number = Fixed("\(real)") ?? Fixed(exactly: real)
    default: throw wrongType(key, value, expected: "a decimal number or decimal string")
    }
    guard let number else {
      throw .invalidArgument("\(tool): '\(key)' must be a decimal with at most 8 fractional digits, got \(value)")
    }
    guard number.isPositive else { throw .invalidArgument("\(tool): '\(key)' must be positive, got \(number)") }
    return number
  }

  /// A whole number in `range`, or `fallback` when absent.
  func integer(_ key: String, fallback: Int, range: ClosedRange<Int>) throws(MockBrokerError) -> Int {
    guard let value = present(key) else { return fallback }
    let whole: Int?
    switch value {
    case .int(let number): whole = number
    case .double(let number): whole = number.rounded() == number ? Int(exactly: number) : nil
    default: throw wrongType(key, value, expected: "a whole number")
    }
    guard let whole, range.contains(whole) else {
      throw .invalidArgument("\(tool): '\(key)' must be a whole number in \(range.lowerBound)…\(range.upperBound)")
    }
    return whole
  }

  /// A boolean, or `fallback` when absent.
  func boolean(_ key: String, fallback: Bool) throws(MockBrokerError) -> Bool {
    guard let value = present(key) else { return fallback }
    guard case .bool(let flag) = value else { throw wrongType(key, value, expected: "true or false") }
    return flag
  }

  /// Whether `key` was given (a JSON null counts as absent).
  func has(_ key: String) -> Bool { present(key) != nil }

  private func present(_ key: String) -> Value? {
    guard let value = values[key], !value.isNull else { return nil }
    return value
  }

  private func wrongType(_ key: String, _ value: Value, expected: String) -> MockBrokerError {
    .invalidArgument("\(tool): '\(key)' must be \(expected), got \(Self.kind(of: value))")
  }

  private static func kind(of value: Value) -> String {
    switch value {
    case .null: "null"
    case .bool: "a boolean"
    case .int, .double: "a number"
    case .string: "a string"
    case .data: "data"
    case .array: "an array"
    case .object: "an object"
    }
  }
}
