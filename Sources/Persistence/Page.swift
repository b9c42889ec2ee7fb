import TradingCore

/// One page of a newest-first listing.
///
/// `nextCursor` is handed back unchanged to read the page after this one, and is `nil` when this
/// page is the last. Cursors are keyset positions, not offsets: rows that arrive while a client
/// pages sort before the first page, so no row is returned twice and none is skipped.
public struct Page<Item: Sendable>: Sendable {
  public var items: [Item]
  public var nextCursor: String?

  public init(items: [Item], nextCursor: String?) {
    self.items = items
    self.nextCursor = nextCursor
  }
}

extension Page: Equatable where Item: Equatable {}
extension Page: Hashable where Item: Hashable {}
extension Page: Codable where Item: Codable {}

/// Which signals to list, newest first by id (`GET /api/signals`).
public struct SignalQuery: Sendable, Hashable {
  /// At most this many items (the API allows 1…100).
  public var limit: Int
  /// A `Page.nextCursor` from the previous page of the same listing, or `nil` for the first page.
  public var cursor: String?
  /// Only this symbol, when set.
  public var symbol: String?
  /// Only signals with |score| ≥ this, when set.
  public var minimumScore: Double?

  public init(limit: Int, cursor: String? = nil, symbol: String? = nil, minimumScore: Double? = nil) {
    self.limit = limit
    self.cursor = cursor
    self.symbol = symbol
    self.minimumScore = minimumScore
  }
}

extension SignalQuery {
  /// The id the page starts below, read from `cursor`; nil for the first page. A cursor that
  /// this listing did not issue is `StoreError.invalidCursor`.
  public func cursorID() throws(StoreError) -> TimeSortableID? {
    guard let text = cursor else { return nil }
    guard let id = TimeSortableID(try PageCursor(decoding: text, for: .signals).id) else {
      throw .invalidCursor(text)
    }
    return id
  }

  /// The `Page.nextCursor` of a page of signals whose last item has `id`.
  public static func cursor(after id: TimeSortableID) -> String {
    PageCursor(signalAfter: id).encoded
  }
}

/// Which orders to list, newest first by creation time (`GET /api/orders`).
public struct OrderQuery: Sendable, Hashable {
  /// At most this many items (the API allows 1…100).
  public var limit: Int
  /// A `Page.nextCursor` from the previous page of the same listing, or `nil` for the first page.
  public var cursor: String?
  /// Only this symbol, when set.
  public var symbol: String?
  /// Only orders in this status, when set.
  public var status: Order.Status?

  public init(limit: Int, cursor: String? = nil, symbol: String? = nil, status: Order.Status? = nil) {
    self.limit = limit
    self.cursor = cursor
    self.symbol = symbol
    self.status = status
  }
}

/// Which fills to list, newest first by execution time (`GET /api/fills`).
public struct FillQuery: Sendable, Hashable {
  /// At most this many items (the API allows 1…100).
  public var limit: Int
  /// A `Page.nextCursor` from the previous page of the same listing, or `nil` for the first page.
  public var cursor: String?
  /// Only this symbol, when set.
  public var symbol: String?

  public init(limit: Int, cursor: String? = nil, symbol: String? = nil) {
    self.limit = limit
    self.cursor = cursor
    self.symbol = symbol
  }
}
