import SQLKit
import TradingCore

/// Reads one row's columns as the schema in `Migrations` wrote them, turning anything that does
/// not parse into `StoreError.corruptValue` instead of a trap or a silently wrong number.
struct RowReader {
  let row: any SQLRow
  let table: String

  func string(_ column: String) throws -> String { try row.decode(column: column, as: String.self) }
  func optionalString(_ column: String) throws -> String? { try row.decode(column: column, as: String?.self) }
  func int64(_ column: String) throws -> Int64 { try row.decode(column: column, as: Int64.self) }
  func double(_ column: String) throws -> Double { try row.decode(column: column, as: Double.self) }
  func timestamp(_ column: String) throws -> Timestamp { Timestamp(nanosecondsSinceEpoch: try int64(column)) }

  func fixed(_ column: String) throws -> Fixed {
    let text = try string(column)
    guard let value = Fixed(text) else { throw corrupt(column, text) }
    return value
  }

  func optionalFixed(_ column: String) throws -> Fixed? {
    guard let text = try optionalString(column) else { return nil }
    guard let value = Fixed(text) else { throw corrupt(column, text) }
    return value
  }

  func value<Value: RawRepresentable>(_ column: String, as type: Value.Type) throws -> Value
  where Value.RawValue == String {
    let text = try string(column)
    guard let value = Value(rawValue: text) else { throw corrupt(column, text) }
    return value
  }

  func signalID(_ column: String) throws -> TimeSortableID {
    let text = try string(column)
    guard let id = TimeSortableID(text) else { throw corrupt(column, text) }
    return id
  }

  func optionalSignalID(_ column: String) throws -> TimeSortableID? {
    guard let text = try optionalString(column) else { return nil }
    guard let id = TimeSortableID(text) else { throw corrupt(column, text) }
    return id
  }

  func meta(_ column: String) throws -> [String: Double] {
    let text = try string(column)
    guard let meta = FlatNumberObject.parse(text) else { throw corrupt(column, text) }
    return meta
  }

  private func corrupt(_ column: String, _ value: String) -> StoreError {
    .corruptValue(table: table, column: column, value: value)
  }
}

/// A bound value, or SQL `NULL` for `nil`.
func bindOrNull(_ value: (some Encodable & Sendable)?) -> any SQLExpression {
  value.map { SQLBind($0) } ?? SQLLiteral.null
}
