import Persistence
import Testing
import TradingCore

@Suite("FillStore, PositionStore, PortfolioSnapshotStore, ExecutionStore")
struct ExecutionStoreTests {
  @Test("a fill is stored once under its id and comes back exactly", arguments: StoreBackend.all)
  func fillRoundTrip(backend: StoreBackend) async throws {
    try await withStore(backend) { store async throws in
      let fill = FillRecord(
        order: OrderID("O-7"), sequence: 1,
        fill: Fill(
          orderID: OrderID("O-7"), symbol: "AAPL", side: .sell, quantity: Fixed("0.00000001")!,
          price: Fixed("169.02")!, commission: Fixed("0.00412345")!, timestamp: Fixtures.start))
      #expect(fill.id == "O-7#1")
      #expect(try await store.insert(fill))
      #expect(try await store.insert(fill) == false)
      #expect(try await store.fill(id: fill.id) == fill)
      #expect(try await store.fill(id: "O-7#2") == nil)
    }
  }

  @Test("fills page newest first by execution time, filtered by symbol", arguments: StoreBackend.all)
  func fillPaging(backend: StoreBackend) async throws {
    try await withStore(backend) { store async throws in
      var fills: [FillRecord] = []
      for index in 0..<25 {
        let fill = Fixtures.fill("fill-\(index)", second: Int64(index / 3), symbol: Fixtures.symbols[index % 2])
        fills.append(fill)
        try await store.insert(fill)
      }
      let newestFirst = fills.sorted { ($0.fill.timestamp, $0.id) > ($1.fill.timestamp, $1.id) }
      for symbol in [nil, "MSFT"] {
        let pages = try await Fixtures.allPages {
          try await store.fills(FillQuery(limit: 4, cursor: $0, symbol: symbol))
        }
        #expect(pages.flatMap(\.items) == newestFirst.filter { symbol == nil || $0.fill.symbol == symbol })
      }
    }
  }

  @Test("a position is upserted per symbol, a stale one ignored, listed by symbol", arguments: StoreBackend.all)
  func positions(backend: StoreBackend) async throws {
    try await withStore(backend) { store async throws in
      let msft = PositionRecord(
        symbol: "MSFT", quantity: Fixed("-12.5")!, averageEntryPrice: Fixed("410.12345678")!,
        realizedPnL: Fixed("-3.1")!, updatedAt: Fixtures.start)
      var position = Position(symbol: "AAPL")
      position.apply(Fixtures.fill("f-1", second: 0).fill)
      let aapl = PositionRecord(position: position, updatedAt: Fixtures.start)
      #expect(try await store.upsert(msft))
      #expect(try await store.upsert(aapl))
      #expect(try await store.positions() == [aapl, msft])

      var closed = aapl
      closed.quantity = .zero
      closed.realizedPnL = Fixed("12.34")!
      closed.updatedAt = Fixtures.start.adding(seconds: 5)
      #expect(try await store.upsert(closed))
      #expect(try await store.upsert(aapl) == false)
      #expect(try await store.position(symbol: "AAPL") == closed)
      #expect(try await store.position(symbol: "TSLA") == nil)
    }
  }

  @Test("the latest portfolio snapshot is the one with the latest timestamp", arguments: StoreBackend.all)
  func snapshots(backend: StoreBackend) async throws {
    try await withStore(backend) { store async throws in
      #expect(try await store.latestSnapshot() == nil)
      var portfolio = Portfolio(cash: 100_000)
      portfolio.apply(Fixtures.fill("f-1", second: 0).fill)
      let later = PortfolioSnapshot(
        portfolio: portfolio, marks: ["AAPL": Fixed("101.33")!], at: Fixtures.start.adding(seconds: 60))
      let earlier = PortfolioSnapshot(
        timestamp: Fixtures.start, cash: 100_000, equity: 100_000, realizedPnL: .zero, unrealizedPnL: .zero,
        grossExposure: .zero)
      try await store.insert(later)
      try await store.insert(earlier)
      #expect(try await store.latestSnapshot() == later)

      var corrected = later
      corrected.equity = Fixed("99999.99999999")!
      try await store.insert(corrected)
      #expect(try await store.latestSnapshot() == corrected)
    }
  }

  @Test("recording a fill writes fill, order and position together, and only once", arguments: StoreBackend.all)
  func recordExecution(backend: StoreBackend) async throws {
    try await withStore(backend) { store async throws in
      let order = Fixtures.order("O-1", second: 0)
      #expect(try await store.insertIfAbsent(order))
      let fill = Fixtures.fill("O-1#1", second: 1)
      var filled = order
      filled.status = .filled
      filled.filledQuantity = fill.fill.quantity
      filled.averageFillPrice = fill.fill.price
      filled.updatedAt = fill.fill.timestamp
      var position = Position(symbol: "AAPL")
      position.apply(fill.fill)
      let positionRecord = PositionRecord(position: position, updatedAt: fill.fill.timestamp)

      #expect(try await store.record(fill, order: filled, position: positionRecord))
      #expect(try await store.fill(id: fill.id) == fill)
      #expect(try await store.order(id: order.id) == filled)
      #expect(try await store.position(symbol: "AAPL") == positionRecord)

      var doubled = positionRecord
      doubled.quantity = positionRecord.quantity * 2
      doubled.updatedAt = fill.fill.timestamp.adding(seconds: 1)
      #expect(try await store.record(fill, order: filled, position: doubled) == false)
      #expect(try await store.position(symbol: "AAPL") == positionRecord)
    }
  }
}
