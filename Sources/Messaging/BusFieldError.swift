/// Why the fields of a bus message do not decode into what the stream carries. The message names
/// the field and the offending text, so a bad producer can be found from the log line alone.
public enum BusFieldError: Error, Sendable, Hashable, CustomStringConvertible {
  case missingField(String)
  case invalidField(name: String, value: String, reason: String)

  public var description: String {
    switch self {
    case .missingField(let name): "missing field `\(name)`"
    case .invalidField(let name, let value, let reason): "field `\(name)` = `\(value)`: \(reason)"
    }
  }
}

extension [String: String] {
  /// The value of a field that must be present and not empty.
  public func requiredField(_ name: String) throws(BusFieldError) -> String {
    guard let value = self[name] else { throw .missingField(name) }
    guard !value.isEmpty else { throw .invalidField(name: name, value: value, reason: "must not be empty") }
    return value
  }
}
