/// A value written in JSON as its text form (`description`) and read back through `init?(_:)`,
/// so ids keep one printed form in the API, on the bus and in the store.
public protocol CodableAsDescription: LosslessStringConvertible, Codable {}

extension CodableAsDescription {
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let value = Self(text) else {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a valid \(Self.self): \(text)")
    }
    self = value
  }
}
