import Hummingbird
import Persistence
import TradingCore

/// The store-backed endpoints: `/api/signals`, `/api/signals/{id}`, `/api/orders`,
/// `/api/orders/{id}` (with every step of the order's life), `/api/fills`, and the live account at `/api/positions` and `/api/portfolio`.
///
/// Listings are newest first with an opaque cursor that stays stable while new rows arrive.
/// A bad parameter is a 400; a store that cannot answer is a 503.
public struct TradingRoutes: APIRoutes {
  private let store: any TradingStore
  private let portfolio: any PortfolioReading
  private let recentSignals: RecentSignals?

  /// - Parameter recentSignals: the newest signals in memory, when this process stores every
  ///   signal itself; `/api/signals` answers from it what it can.
  public init(store: any TradingStore, portfolio: any PortfolioReading, recentSignals: RecentSignals? = nil) {
    self.store = store
    self.portfolio = portfolio
    self.recentSignals = recentSignals
  }

  public func register(on router: Router<APIRequestContext>) {
    router.get("/api/signals") { request, context in
      let query = QueryParameters(request)
      try query.requireOnly(["limit", "cursor", "symbol", "min_score"])
      let signalQuery = SignalQuery(
        limit: try query.integer("limit", in: 1...100, default: 50), cursor: try query.string("cursor"),
        symbol: try query.symbol("symbol"), minimumScore: try query.number("min_score", in: 0...1))
      if let recentSignals, let body = try await Self.reading({ try recentSignals.page(signalQuery) }) {
        return Response(
          status: .ok,
          headers: [.contentType: "application/json; charset=utf-8", .contentLength: String(body.readableBytes)],
          body: ResponseBody(byteBuffer: body))
      }
      let page = try await Self.reading { try await store.signals(signalQuery) }
      return try TradingViews.PageView(items: page.items.map(TradingViews.SignalView.init), nextCursor: page.nextCursor)
        .response(from: request, context: context)
    }
    router.get("/api/signals/{id}") { _, context in
      let text = try context.parameters.require("id")
      guard let id = TimeSortableID(text) else {
        throw APIError(.badRequest, "id must be a 26-character signal id, got \(text)")
      }
      guard let signal = try await Self.reading({ try await store.signal(id: id) }) else {
        throw APIError(.notFound, "no signal with id \(text)")
      }
      return TradingViews.SignalView(signal: signal)
    }
    router.get("/api/orders") { request, _ in
      let query = QueryParameters(request)
      try query.requireOnly(["limit", "cursor", "symbol", "status"])
      let page = try await Self.reading {
        try await store.orders(
          OrderQuery(
            limit: try query.integer("limit", in: 1...100, default: 50), cursor: try query.string("cursor"),
            symbol: try query.symbol("symbol"), status: try query.value("status", as: Order.Status.self)))
      }
      return TradingViews.PageView(items: page.items.map(TradingViews.OrderView.init), nextCursor: page.nextCursor)
    }
    router.get("/api/orders/{id}") { _, context in
      let id = OrderID(try context.parameters.require("id"))
      let found = try await Self.reading { () async throws -> (OrderRecord, [OrderTransition])? in
        guard let order = try await store.order(id: id) else { return nil }
        return (order, try await store.transitions(of: id))
      }
      guard let (order, transitions) = found else { throw APIError(.notFound, "no order with id \(id)") }
      return TradingViews.OrderDetailView(order: order, transitions: transitions)
    }
    router.get("/api/fills") { request, _ in
      let query = QueryParameters(request)
      try query.requireOnly(["limit", "cursor", "symbol"])
      let page = try await Self.reading {
        try await store.fills(
          FillQuery(
            limit: try query.integer("limit", in: 1...100, default: 50), cursor: try query.string("cursor"),
            symbol: try query.symbol("symbol")))
      }
      return TradingViews.PageView(items: page.items.map(TradingViews.FillView.init), nextCursor: page.nextCursor)
    }
    router.get("/api/positions") { request, _ in
      try QueryParameters(request).requireOnly([])
      return PositionsView(items: await portfolio.positionViews())
    }
    router.get("/api/portfolio") { request, _ in
      try QueryParameters(request).requireOnly([])
      return await portfolio.portfolioView()
    }
  }

  /// Runs a store read, turning a bad cursor or limit into a 400 and any other store failure
  /// into a 503.
  static func reading<Result>(_ body: () async throws -> Result) async throws -> Result {
    do {
      return try await body()
    } catch let error as APIError {
      throw error
    } catch StoreError.invalidCursor(let cursor) {
      throw APIError(.badRequest, "cursor is not one this listing issued: \(cursor)")
    } catch StoreError.invalidLimit(let limit) {
      throw APIError(.badRequest, "limit must be an integer in 1…100, got \(limit)")
    } catch {
      throw APIError(.unavailable, "the store cannot answer right now: \(error)")
    }
  }
}

/// `{items: [...]}` of `GET /api/positions`.
struct PositionsView: ResponseEncodable {
  var items: [PositionView]
}

extension TradingViews.PageView: ResponseEncodable {}
extension TradingViews.SignalView: ResponseEncodable {}
extension TradingViews.OrderDetailView: ResponseEncodable {}
extension PortfolioView: ResponseEncodable {}
