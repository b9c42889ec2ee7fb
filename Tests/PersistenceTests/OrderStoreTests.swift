import Persistence
import Testing
import TradingCore

@Suite("OrderStore")
struct OrderStoreTests {
  @Test("an order comes back exactly: amounts to the last digit, meta, optional fields", arguments: StoreBackend.all)
  func roundTrip(backend: StoreBackend) async throws {
    try await withStore(backend) { store async throws in
      var random = SplitMix64(seed: 9)
      let signalID = TimeSortableID(timestamp: Fixtures.start, using: &random)
      let order = OrderRecord(
        id: OrderID(signal: signalID), signalID: signalID, symbol: "EURUSD", side: .sell, kind: .limit,
        quantity: Fixed(raw: .max), limitPrice: Fixed("0.00000001")!, status: .partiallyFilled,
        filledQuantity: Fixed("123456789.12345678")!, averageFillPrice: Fixed(raw: .min + 1), confidence: 0.123_456_789,
        createdAt: Fixtures.start, updatedAt: Fixtures.start.adding(nanoseconds: 1),
        reason: "rejected: 'max notional' ≥ 1 € \"quoted\"", meta: ["kelly": 0.25, "atr": 1.234_567_890_123])
      #expect(try await store.insertIfAbsent(order))
      #expect(try await store.order(id: order.id) == order)

      let bare = OrderRecord(
        decision: OrderDecision(
          id: OrderID("manual-1"), signalID: nil, symbol: "AAPL", side: .buy, quantity: 3, confidence: 1,
          timestamp: Fixtures.start))
      #expect(try await store.insertIfAbsent(bare))
      #expect(try await store.order(id: bare.id) == bare)
      #expect(try await store.order(id: OrderID("missing")) == nil)
    }
  }

  @Test(
    "a second order with the same id is refused: a redelivered signal makes no second order",
    arguments: StoreBackend.all)
  func uniqueOrderID(backend: StoreBackend) async throws {
    try await withStore(backend) { store async throws in
      let first = Fixtures.order("O-1", second: 0)
      var second = first
      second.quantity = 99
      #expect(try await store.insertIfAbsent(first))
      #expect(try await store.insertIfAbsent(second) == false)
      #expect(try await store.order(id: first.id) == first)
    }
  }

  @Test("an upsert moves the status forward and ignores a stale update", arguments: StoreBackend.all)
  func upsert(backend: StoreBackend) async throws {
    try await withStore(backend) { store async throws in
      let placed = Fixtures.order("O-1", second: 0)
      #expect(try await store.upsert(placed))

      var filled = placed
      filled.status = .filled
      filled.filledQuantity = 10
      filled.averageFillPrice = Fixed("101.5")!
      filled.updatedAt = placed.createdAt.adding(seconds: 2)
      #expect(try await store.upsert(filled))
      #expect(try await store.order(id: placed.id) == filled)

      var stale = placed
      stale.status = .accepted
      stale.updatedAt = placed.createdAt.adding(seconds: 1)
      #expect(try await store.upsert(stale) == false)
      #expect(try await store.order(id: placed.id)?.status == .filled)
    }
  }

  @Test("orders page newest first by creation time, filtered by symbol and status", arguments: StoreBackend.all)
  func paging(backend: StoreBackend) async throws {
    try await withStore(backend) { store async throws in
      let statuses: [Order.Status] = [.new, .filled, .rejected]
      var orders: [OrderRecord] = []
      for index in 0..<40 {
        // Pairs share a creation time, so ties are broken by id.
        let order = Fixtures.order(
          "order-\(index)", second: Int64(index / 2), symbol: Fixtures.symbols[index % 3], status: statuses[index % 2])
        orders.append(order)
        #expect(try await store.insertIfAbsent(order))
      }
      let newestFirst = orders.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
      for symbol in [nil, "MSFT"] {
        for status in [nil, Order.Status.filled] {
          for limit in [1, 6, 100] {
            let pages = try await Fixtures.allPages {
              try await store.orders(OrderQuery(limit: limit, cursor: $0, symbol: symbol, status: status))
            }
            let expected = newestFirst.filter {
              (symbol == nil || $0.symbol == symbol) && (status == nil || $0.status == status)
            }
            #expect(pages.flatMap(\.items) == expected)
            #expect(pages.allSatisfy { $0.items.count <= limit })
            #expect(pages.dropLast().allSatisfy { $0.items.count == limit })
          }
        }
      }
    }
  }
}
