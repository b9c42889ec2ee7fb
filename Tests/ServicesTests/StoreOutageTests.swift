import Foundation
import Hummingbird
import HummingbirdTesting
import Persistence
import Services
import Synchronization
import Testing
import TradingCore

/// A store that cannot answer — its disk is gone, its connection lost — makes the routes that
/// read it answer 503 `unavailable`, never 500, while the routes that do not read it still work.
@Suite struct StoreOutageTests {
  let validator: OpenAPIValidator

  init() throws {
    validator = try OpenAPIValidator.load()
  }

  @Test(arguments: [OutageStore.Failure.connectionLost, .corruptRow, .cancelled])
  func readsThatThrowAnswerUnavailable(failure: OutageStore.Failure) async throws {
    let store = OutageStore(failure: failure)
    let id = TradingFixtures.signalID(1).description
    try await tradingApp(store: store).test(.router) { client in
      let routes = [
        ("/api/signals", "/api/signals"), ("/api/signals?limit=5&symbol=aapl", "/api/signals"),
        ("/api/signals/\(id)", "/api/signals/{id}"), ("/api/orders", "/api/orders"),
        ("/api/orders?status=filled", "/api/orders"), ("/api/fills", "/api/fills"),
      ]
      for (uri, path) in routes {
        let answer = try await client.get(uri)
        #expect(answer.status == 503, "\(uri): \(answer.body)")
        #expect(try validator.violations(ofBody: answer.body, path: path, status: 503) == [], "\(uri)")
        #expect(try answer.decoded(ErrorBody.self).error == "unavailable", "\(uri)")
      }
      // Bad input is still the client's fault, found before the store is asked.
      let badLimit = try await client.get("/api/signals?limit=0")
      #expect(badLimit.status == 400)
      // The live account does not come from the store.
      #expect(try await client.get("/api/positions").status == 200)
      #expect(try await client.get("/api/portfolio").status == 200)
      #expect(try await client.get("/health").status == 200)
    }
    #expect(store.reads.withLock { $0 } >= 6)
  }
}

/// A `TradingStore` whose every operation throws `failure`.
final class OutageStore: TradingStore {
  enum Failure: Error, Sendable, CustomStringConvertible {
    /// What a driver throws when the database went away.
    case connectionLost
    /// A value that cannot be read back.
    case corruptRow
    /// A read cancelled under the route.
    case cancelled

    var error: any Error {
      switch self {
      case .connectionLost: self
      case .corruptRow: StoreError.corruptValue(table: "signals", column: "score", value: "NaN")
      case .cancelled: CancellationError()
      }
    }

    var description: String {
      switch self {
      case .connectionLost: "connection lost"
      case .corruptRow: "corrupt row"
      case .cancelled: "cancelled"
      }
    }
  }

  let failure: Failure
  let reads = Mutex(0)

  init(failure: Failure) {
    self.failure = failure
  }

  private func fail() throws -> Never {
    reads.withLock { $0 += 1 }
    throw failure.error
  }

  func insert(_ signal: Signal) async throws -> Bool { try fail() }
  func insert(contentsOf signals: [Signal]) async throws -> [TimeSortableID] { try fail() }
  func signal(id: TimeSortableID) async throws -> Signal? { try fail() }
  func signals(_ query: SignalQuery) async throws -> Page<Signal> { try fail() }
  func insertIfAbsent(_ order: OrderRecord) async throws -> Bool { try fail() }
  func upsert(_ order: OrderRecord) async throws -> Bool { try fail() }
  func order(id: OrderID) async throws -> OrderRecord? { try fail() }
  func orders(_ query: OrderQuery) async throws -> Page<OrderRecord> { try fail() }
  func insert(_ fill: FillRecord) async throws -> Bool { try fail() }
  func fill(id: String) async throws -> FillRecord? { try fail() }
  func fills(_ query: FillQuery) async throws -> Page<FillRecord> { try fail() }
  func upsert(_ position: PositionRecord) async throws -> Bool { try fail() }
  func position(symbol: String) async throws -> PositionRecord? { try fail() }
  func positions() async throws -> [PositionRecord] { try fail() }
  func insert(_ snapshot: PortfolioSnapshot) async throws { try fail() }
  func latestSnapshot() async throws -> PortfolioSnapshot? { try fail() }
  func record(_ fill: FillRecord, order: OrderRecord, position: PositionRecord) async throws -> Bool { try fail() }
  func insertIfAbsent(_ transitions: [OrderTransition]) async throws -> Int { try fail() }
  func transitions(of id: OrderID) async throws -> [OrderTransition] { try fail() }
}
