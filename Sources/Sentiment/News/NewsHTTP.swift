import Foundation

/// What the HTTP news sources share: asking, reading the status line, building query strings.
enum NewsHTTP {
  /// GETs `url`, turning a request that got no answer into `.unavailable`.
  static func get(
    _ url: String, headers: [String: String] = [:], with fetcher: any HTTPFetching, source: String
  ) async throws(NewsSourceError) -> HTTPFetchResponse {
    do {
      return try await fetcher.get(url, headers: headers)
    } catch {
      throw .unavailable(source: source, detail: "GET \(redactingKeys(url)) failed: \(error)")
    }
  }

  /// Throws for any status outside 2xx: 429 → `.rateLimited` (with `Retry-After` seconds), 401
  /// and 403 → `.unauthorized`, others → `.provider` with code `http_<status>`. The message is
  /// the start of the body.
  static func requireSuccess(_ response: HTTPFetchResponse, source: String) throws(NewsSourceError) {
    guard !(200..<300).contains(response.status) else { return }
    let message = excerpt(response.body)
    switch response.status {
    case 429: throw .rateLimited(source: source, message: message, retryAfter: retryAfter(response))
    case 401, 403: throw .unauthorized(source: source, message: message)
    default: throw .provider(source: source, code: "http_\(response.status)", message: message)
    }
  }

  /// `Retry-After` when it gives seconds; nil when absent or an HTTP date.
  static func retryAfter(_ response: HTTPFetchResponse) -> Duration? {
    guard let value = response.headers["retry-after"], let seconds = Int(value.trimmingASCIISpaces), seconds >= 0
    else { return nil }
    return .seconds(seconds)
  }

  /// `name=value&…` with each value percent-encoded, except `:` `,` `/` `@` which a query may hold
  /// as they are (RFC 3986 §3.4) and which keep dates and ticker lists readable.
  static func query(_ pairs: KeyValuePairs<String, String>) -> String {
    pairs.map { "\($0.key)=\(percentEncoded($0.value))" }.joined(separator: "&")
  }

  /// `value` with every byte but unreserved characters and `: , / @` written `%XX`.
  static func percentEncoded(_ value: String) -> String {
    var encoded = ""
    for byte in value.utf8 {
      let character = Character(Unicode.Scalar(byte))
      if byte < 0x80 && (character.isLetter || character.isNumber || "-._~:,/@".contains(character)) {
        encoded.append(character)
      } else {
        let hex = String(byte, radix: 16, uppercase: true)
        encoded += "%" + (hex.count == 1 ? "0" + hex : hex)
      }
    }
    return encoded
  }

  /// The start of `body` as text, for error messages.
  static func excerpt(_ body: [UInt8], limit: Int = 300) -> String {
    let text = PlainText.collapsingWhitespace(String(decoding: body.prefix(limit * 4), as: UTF8.self))
    return text.count > limit ? String(text.prefix(limit)) + "…" : text
  }

  /// `url` with the value of any `apikey` parameter replaced by `***`, for messages and logs.
  static func redactingKeys(_ url: String) -> String {
    guard let range = url.range(of: "apikey=") else { return url }
    let valueEnd = url[range.upperBound...].firstIndex(of: "&") ?? url.endIndex
    return url.replacingCharacters(in: range.upperBound..<valueEnd, with: "***")
  }
}
