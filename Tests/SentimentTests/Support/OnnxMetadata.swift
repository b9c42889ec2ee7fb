import Foundation

/// Rewrites the `metadata_props` of a serialized ONNX `ModelProto`, so that tests can give the
/// one fixture model other labels, or none, without a Python step.
///
/// A `ModelProto` is a protobuf message; `metadata_props` is its repeated field 14 of
/// `StringStringEntryProto` (key: field 1, value: field 2). Only the top level is walked: every
/// other field is copied byte for byte, every field 14 dropped, and the new entries appended
/// (protobuf allows the fields of a message in any order).
enum OnnxMetadata {
  struct Malformed: Error {}

  static let metadataField: UInt64 = 14

  static func replacing(in model: Data, with entries: [(String, String)]) throws -> Data {
    let bytes = [UInt8](model)
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var index = 0
    while index < bytes.count {
      let start = index
      let tag = try varint(bytes, &index)
      switch tag & 7 {
      case 0: _ = try varint(bytes, &index)
      case 1: index += 8
      case 2: index += Int(try varint(bytes, &index))
      case 5: index += 4
      default: throw Malformed()
      }
      guard index <= bytes.count else { throw Malformed() }
      if tag >> 3 != metadataField { output += bytes[start..<index] }
    }
    for (key, value) in entries {
      let entry = field(1, Array(key.utf8)) + field(2, Array(value.utf8))
      output += field(metadataField, entry)
    }
    return Data(output)
  }

  /// A length-delimited field.
  private static func field(_ number: UInt64, _ payload: [UInt8]) -> [UInt8] {
    encode(number << 3 | 2) + encode(UInt64(payload.count)) + payload
  }

  private static func encode(_ value: UInt64) -> [UInt8] {
    var value = value
    var bytes: [UInt8] = []
    repeat {
      let low = UInt8(value & 0x7F)
      value >>= 7
      bytes.append(value == 0 ? low : low | 0x80)
    } while value != 0
    return bytes
  }

  private static func varint(_ bytes: [UInt8], _ index: inout Int) throws -> UInt64 {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while index < bytes.count, shift < 64 {
      let byte = bytes[index]
      index += 1
      value |= UInt64(byte & 0x7F) << shift
      if byte & 0x80 == 0 { return value }
      shift += 7
    }
    throw Malformed()
  }
}
