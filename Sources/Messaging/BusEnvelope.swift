import Foundation

/// The message shape of every stream but `signals:global` (DESIGN.md §4): a `type` that says what
/// the payload is, and the payload as JSON text. It is also the shape of the WebSocket events, so
/// the API can forward an entry without re-encoding it.
public struct BusEnvelope: Sendable, Hashable {
  /// What the payload is, e.g. `"order"`, `"fill"`, `"heartbeat"`.
  public var type: String
  /// The payload as JSON text.
  public var payload: String

  public init(type: String, payload: String) {
    self.type = type
    self.payload = payload
  }

  /// Encodes `payload` as JSON with sorted keys, so equal payloads give equal text.
  public init(type: String, encoding payload: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    self.init(type: type, payload: String(decoding: try encoder.encode(payload), as: UTF8.self))
  }

  /// Reads an envelope from an entry's fields; both `type` and `payload` must be present and not
  /// empty. The payload is checked when it is decoded, by the consumer that knows its type.
  public init(busFields fields: [String: String]) throws(BusFieldError) {
    self.init(type: try fields.requiredField("type"), payload: try fields.requiredField("payload"))
  }

  public var busFields: [String: String] { ["type": type, "payload": payload] }

  /// Decodes the payload as `Payload`; throws `BusFieldError.invalidField` naming `payload` when
  /// the text is not valid JSON for that type.
  public func decodePayload<Payload: Decodable>(as _: Payload.Type) throws(BusFieldError) -> Payload {
    do {
      return try JSONDecoder().decode(Payload.self, from: Data(payload.utf8))
    } catch {
      throw .invalidField(name: "payload", value: payload, reason: "not a JSON \(Payload.self): \(error)")
    }
  }
}
