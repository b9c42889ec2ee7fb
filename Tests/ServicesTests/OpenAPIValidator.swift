import Foundation
import Services
import Yams

/// Checks real response bodies against `docs/openapi.yaml`.
///
/// Supports the part of JSON Schema the document uses — `type` (a name or a list, `null`
/// included), `properties`, `required`, `additionalProperties`, `items`, `enum`, `minimum`,
/// `maximum`, `pattern`, `format: date-time` and `$ref` — and reports any other keyword as a
/// violation, so that the document cannot drift past what is checked.
struct OpenAPIValidator {
  /// Why a response schema or body could not be used.
  enum LookupError: Error, CustomStringConvertible {
    case missing(String)
    case notJSON(String)

    var description: String {
      switch self {
      case .missing(let what): "openapi.yaml has no \(what)"
      case .notJSON(let body): "the body is not JSON: \(body.prefix(200))"
      }
    }
  }

  static let supportedKeywords: Set<String> = [
    "type", "properties", "required", "additionalProperties", "items", "enum", "minimum", "maximum", "pattern",
    "format", "$ref", "description", "default",
  ]

  let document: JSONValue

  /// The document at `docs/<document>` (the API's `openapi.yaml` by default), found from this file's path.
  static func load(document: String = "openapi.yaml", filePath: String = #filePath) throws -> OpenAPIValidator {
    let root = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let text = try String(contentsOf: root.appendingPathComponent("docs/\(document)"), encoding: .utf8)
    return OpenAPIValidator(document: try YAMLDecoder().decode(JSONValue.self, from: text))
  }

  /// The violations of `body` against the schema of `method path`'s response `status`.
  func violations(ofBody body: String, path: String, method: String = "get", status: Int) throws -> [String] {
    let schema = try responseSchema(path: path, method: method, status: status)
    guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(body.utf8)) else {
      throw LookupError.notJSON(body)
    }
    return violations(of: value, against: schema)
  }

  /// The violations of `value` against `components/schemas/<name>`.
  func violations(of value: JSONValue, againstSchemaNamed name: String) -> [String] {
    violations(of: value, against: ["$ref": .string("#/components/schemas/\(name)")])
  }

  /// The JSON schema of a response, following a `$ref` to a shared response.
  func responseSchema(path: String, method: String, status: Int) throws -> JSONValue {
    guard let operation = document["paths"]?[path]?[method] else { throw LookupError.missing("\(method) \(path)") }
    guard var response = operation["responses"]?[String(status)] else {
      throw LookupError.missing("response \(status) for \(method) \(path)")
    }
    if case .string(let reference)? = response["$ref"] { response = try resolve(reference) }
    guard let schema = response["content"]?["application/json"]?["schema"] else {
      throw LookupError.missing("JSON schema for \(status) of \(method) \(path)")
    }
    return schema
  }

  /// The violations of `value` against `schema`, each naming where in the value it is.
  func violations(of value: JSONValue, against schema: JSONValue, at location: String = "$") -> [String] {
    guard case .object(let keywords) = schema else { return ["\(location): the schema is not an object"] }
    if case .string(let reference)? = keywords["$ref"] {
      guard let target = try? resolve(reference) else { return ["\(location): unresolvable $ref \(reference)"] }
      return violations(of: value, against: target, at: location)
    }
    if let unsupported = keywords.keys.sorted().first(where: { !Self.supportedKeywords.contains($0) }) {
      return ["\(location): the validator does not support '\(unsupported)'"]
    }
    if let types = keywords["type"], !Self.value(value, hasTypeIn: types) {
      return ["\(location): expected type \(Self.text(types)), got \(Self.text(value))"]
    }
    var problems: [String] = []
    if case .array(let allowed)? = keywords["enum"], !allowed.contains(value) {
      problems.append("\(location): \(Self.text(value)) is not one of \(Self.text(.array(allowed)))")
    }
    problems += scalarViolations(of: value, keywords: keywords, at: location)
    switch value {
    case .object(let fields): problems += objectViolations(of: fields, keywords: keywords, at: location)
    case .array(let items):
      if let itemSchema = keywords["items"] {
        for (index, item) in items.enumerated() {
          problems += violations(of: item, against: itemSchema, at: "\(location)[\(index)]")
        }
      }
    default: break
    }
    return problems
  }

  private func scalarViolations(of value: JSONValue, keywords: [String: JSONValue], at location: String) -> [String] {
    var problems: [String] = []
    if case .number(let number) = value {
      if case .number(let minimum)? = keywords["minimum"], number < minimum {
        problems.append("\(location): \(number) is below the minimum \(minimum)")
      }
      if case .number(let maximum)? = keywords["maximum"], number > maximum {
        problems.append("\(location): \(number) is above the maximum \(maximum)")
      }
    }
    if case .string(let text) = value {
      if case .string(let pattern)? = keywords["pattern"] {
        guard let regex = try? Regex(pattern) else { return ["\(location): invalid pattern \(pattern)"] }
        if text.firstMatch(of: regex) == nil { problems.append("\(location): '\(text)' does not match \(pattern)") }
      }
      if case .string("date-time")? = keywords["format"], text.wholeMatch(of: Self.dateTime) == nil {
        problems.append("\(location): '\(text)' is not an ISO 8601 date-time")
      }
    }
    return problems
  }

  private func objectViolations(
    of fields: [String: JSONValue], keywords: [String: JSONValue], at location: String
  ) -> [String] {
    var problems: [String] = []
    if case .array(let required)? = keywords["required"] {
      for case .string(let name) in required where fields[name] == nil {
        problems.append("\(location): missing required key '\(name)'")
      }
    }
    let properties: [String: JSONValue]
    if case .object(let declared)? = keywords["properties"] { properties = declared } else { properties = [:] }
    for (name, field) in fields.sorted(by: { $0.key < $1.key }) {
      if let propertySchema = properties[name] {
        problems += violations(of: field, against: propertySchema, at: "\(location).\(name)")
      } else if let extra = keywords["additionalProperties"] {
        switch extra {
        case .bool(false): problems.append("\(location): unexpected key '\(name)'")
        case .object: problems += violations(of: field, against: extra, at: "\(location).\(name)")
        default: break
        }
      }
    }
    return problems
  }

  private func resolve(_ reference: String) throws -> JSONValue {
    guard reference.hasPrefix("#/") else { throw LookupError.missing("local target for \(reference)") }
    var node = document
    for part in reference.dropFirst(2).split(separator: "/") {
      guard let next = node[String(part)] else { throw LookupError.missing(reference) }
      node = next
    }
    return node
  }

  private static var dateTime: Regex<(Substring, Substring?, Substring)> {
    /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})/
  }

  private static func value(_ value: JSONValue, hasTypeIn types: JSONValue) -> Bool {
    let names: [String]
    switch types {
    case .string(let name): names = [name]
    case .array(let list): names = list.compactMap { if case .string(let name) = $0 { name } else { nil } }
    default: return false
    }
    return names.contains { name in
      switch (name, value) {
      case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object),
        ("number", .number):
        true
      case ("integer", .number(let number)): number.rounded() == number
      default: false
      }
    }
  }

  private static func text(_ value: JSONValue) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "\(value)"
  }
}

extension JSONValue {
  /// The member `key` of an object, or nil.
  subscript(key: String) -> JSONValue? {
    guard case .object(let fields) = self else { return nil }
    return fields[key]
  }
}
