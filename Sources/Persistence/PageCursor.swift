import Foundation
import TradingCore

/// The position after which the next page of a newest-first listing starts: the sort key of the
/// last item the previous page returned.
///
/// Written as base64url of `listing|key`, so clients treat it as opaque and a cursor of one
/// listing is refused by another. Signals sort by their time-sortable id alone; orders and fills
/// by (time in nanoseconds, id), because their ids need not be time-sortable.
struct PageCursor: Hashable, Sendable {
  /// Which listing a cursor belongs to.
  enum Listing: String, Sendable {
    case signals = "s"
    case orders = "o"
    case fills = "f"
  }

  var listing: Listing
  /// Nanoseconds since the epoch of the last item; `nil` for signals.
  var time: Int64?
  var id: String

  init(listing: Listing, time: Int64?, id: String) {
    self.listing = listing
    self.time = time
    self.id = id
  }

  /// The position after the signal `id`.
  init(signalAfter id: TimeSortableID) {
    self.init(listing: .signals, time: nil, id: id.description)
  }

  /// Reads a cursor handed out for `listing`; anything else is `StoreError.invalidCursor`.
  init(decoding text: String, for listing: Listing) throws(StoreError) {
    guard let plain = PageCursor.base64URLDecoded(text) else { throw .invalidCursor(text) }
    let parts = plain.split(separator: "|", maxSplits: listing == .signals ? 1 : 2, omittingEmptySubsequences: false)
    guard parts.first.map(String.init) == listing.rawValue else { throw .invalidCursor(text) }
    switch listing {
    case .signals:
      guard parts.count == 2 else { throw .invalidCursor(text) }
      self.init(listing: listing, time: nil, id: String(parts[1]))
    case .orders, .fills:
      guard parts.count == 3, let time = Int64(parts[1]) else { throw .invalidCursor(text) }
      self.init(listing: listing, time: time, id: String(parts[2]))
    }
    guard !id.isEmpty else { throw .invalidCursor(text) }
  }

  /// The opaque text handed to clients.
  var encoded: String {
    let plain = [listing.rawValue, time.map(String.init), id].compactMap { $0 }.joined(separator: "|")
    return Data(plain.utf8).base64EncodedString()
      .replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
  }

  private static func base64URLDecoded(_ text: String) -> String? {
    guard !text.isEmpty, text.utf8.count <= 1024, text.utf8.allSatisfy(isBase64URLDigit) else { return nil }
    var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    standard += String(repeating: "=", count: (4 - standard.count % 4) % 4)
    guard let data = Data(base64Encoded: standard) else { return nil }
    return String(data: data, encoding: .utf8)
  }

  private static func isBase64URLDigit(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"),
      UInt8(ascii: "-"), UInt8(ascii: "_"):
      return true
    default:
      return false
    }
  }
}
