import Foundation
import Hummingbird
import HummingbirdTesting
import Persistence
import Services
import TradingCore

/// Fixtures and helpers shared by the tests of the store-backed routes.
enum TradingFixtures {
  /// 2025-01-01T00:00:00Z.
  static let start = Timestamp(secondsSinceEpoch: 1_735_689_600)

  /// A signal id for the `index`-th signal, made `index` seconds after `start`: later index, larger id.
  static func signalID(_ index: Int, at timestamp: Timestamp? = nil) -> TimeSortableID {
    let time = timestamp ?? start.adding(seconds: Int64(index))
    let milliseconds = UInt64(time.millisecondsSinceEpoch)
    return TimeSortableID(high: milliseconds << 16 | UInt64(index & 0xFFFF), low: 0x5EED_0000 + UInt64(index))
  }

  static func signal(_ index: Int, symbol: String = "AAPL", score: Double = 0.5) -> Signal {
    Signal(
      id: signalID(index), symbol: symbol, score: score, timestamp: start.adding(seconds: Int64(index)),
      source: "pattern_engine", meta: ["rsi": 42.5])
  }

  static func order(
    _ index: Int, signal: TimeSortableID?, symbol: String = "AAPL", side: Side = .buy, quantity: Quantity = 10,
    status: Order.Status = .filled
  ) -> OrderRecord {
    let id = signal.map(OrderID.init(signal:)) ?? OrderID("manual-\(index)")
    let filled = status == .filled ? quantity : .zero
    return OrderRecord(
      id: id, signalID: signal, symbol: symbol, side: side, quantity: quantity, status: status,
      filledQuantity: filled, averageFillPrice: status == .filled ? Fixed(100.25) : nil, confidence: 0.75,
      createdAt: start.adding(seconds: Int64(index)), reason: status == .rejected ? "insufficient margin" : nil,
      meta: ["units": 10])
  }

  static func fill(_ index: Int, symbol: String = "AAPL", quantity: Quantity = Fixed(0.1)) -> FillRecord {
    FillRecord(
      order: OrderID("fill-order-\(index)"), sequence: 1,
      fill: Fill(
        orderID: OrderID("fill-order-\(index)"), symbol: symbol, side: index.isMultiple(of: 2) ? .buy : .sell,
        quantity: quantity, price: Fixed(100.2001), commission: Fixed(0.05),
        timestamp: start.adding(seconds: Int64(index))))
  }
}

/// A live account that never changes, for the positions and portfolio routes.
struct FixedPortfolio: PortfolioReading {
  var positions: [PositionView] = [
    PositionView(
      symbol: "AAPL", quantity: Fixed(0.1), averagePrice: Fixed(187.5), marketPrice: Fixed(190.25),
      unrealizedPnL: Fixed(0.275), realizedPnL: Fixed(-1.5)),
    PositionView(
      symbol: "BTC-USD", quantity: Fixed(-2), averagePrice: Fixed(64_000.12345678), marketPrice: nil,
      unrealizedPnL: nil, realizedPnL: .zero),
  ]
  var portfolio = PortfolioView(
    cash: Fixed(100_000.1), equity: Fixed(100_019.125), realizedPnL: Fixed(-1.5), unrealizedPnL: Fixed(0.275),
    grossExposure: Fixed(128_019.02), netExposure: Fixed(-127_981), positionsCount: 2,
    timestamp: TradingFixtures.start)

  func positionViews() async -> [PositionView] { positions }
  func portfolioView() async -> PortfolioView { portfolio }
}

/// The API over `store` and `portfolio`, as `aitrader run` builds it (with `recentSignals`, as
/// it builds it on SQLite).
func tradingApp(
  store: any TradingStore, portfolio: any PortfolioReading = FixedPortfolio(), recentSignals: RecentSignals? = nil
) -> some ApplicationProtocol {
  let metrics = AITraderMetrics()
  let endpoint = WebSocketEndpoint(hub: EventHub(), metrics: metrics, logger: quietLogger("ws"))
  let router = buildRouter(
    status: FixedStatus(), webSocket: endpoint, metrics: metrics,
    routes: [TradingRoutes(store: store, portfolio: portfolio, recentSignals: recentSignals)])
  return Application(router: router, logger: quietLogger("api"))
}

/// One answer: status code and body text.
struct HTTPAnswer: Sendable {
  var status: Int
  var body: String

  func decoded<Body: Decodable>(_ type: Body.Type) throws -> Body {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try decoder.decode(type, from: Data(body.utf8))
  }
}

extension TestClientProtocol {
  /// `GET uri`.
  func get(_ uri: String) async throws -> HTTPAnswer {
    try await execute(uri: uri, method: .get) { response in
      HTTPAnswer(status: Int(response.status.code), body: String(buffer: response.body))
    }
  }
}

/// The JSON bodies, decoded with snake_case keys.
struct PageBody<Item: Decodable>: Decodable {
  var items: [Item]
  var nextCursor: String?
}

struct SignalBody: Decodable, Equatable {
  var id: String
  var symbol: String
  var score: Double
  var timestamp: String
  var source: String
  var meta: [String: Double]
}

struct OrderBody: Decodable {
  var id: String
  var signalId: String?
  var symbol: String
  var side: String
  var quantity: String
  var status: String
  var filledQuantity: String
  var averagePrice: String?
  var reason: String?
}

struct FillBody: Decodable {
  var id: String
  var orderId: String
  var symbol: String
  var quantity: String
  var price: String
  var commission: String
}

struct ErrorBody: Decodable {
  var error: String
  var detail: String
}

/// Every page of `path` (which carries its own query, if any), following `next_cursor`; fails
/// after `maximumPages` pages so that a cursor that loops cannot hang a test.
func allPages<Item: Decodable>(
  of path: String, as item: Item.Type, client: some TestClientProtocol, maximumPages: Int = 1_000
) async throws -> [[Item]] {
  var pages: [[Item]] = []
  var cursor: String?
  repeat {
    let separator = path.contains("?") ? "&" : "?"
    let uri = cursor.map { "\(path)\(separator)cursor=\($0)" } ?? path
    let answer = try await client.get(uri)
    guard answer.status == 200 else { throw PagingFailure(uri: uri, answer: answer) }
    let page = try answer.decoded(PageBody<Item>.self)
    pages.append(page.items)
    cursor = page.nextCursor
    guard pages.count < maximumPages else { throw PagingFailure(uri: uri, answer: answer) }
  } while cursor != nil
  return pages
}

struct PagingFailure: Error, CustomStringConvertible {
  var uri: String
  var answer: HTTPAnswer
  var description: String { "GET \(uri) answered \(answer.status): \(answer.body.prefix(300))" }
}

/// Runs `body` with a fresh in-memory SQLite store, shut down afterwards whatever happens.
func withInMemoryStore<Result>(_ body: (SQLTradingStore) async throws -> Result) async throws -> Result {
  let storage = try await SQLiteStore.open(.inMemory, logger: quietLogger("store"))
  do {
    let result = try await body(storage.store)
    try await storage.shutdown()
    return result
  } catch {
    try? await storage.shutdown()
    throw error
  }
}
