import Foundation
import Hummingbird
import HummingbirdTesting
import Persistence
import Services
import Testing
import TradingCore

/// The store-backed routes over a real SQLite store filled by hand: shapes against
/// `docs/openapi.yaml`, paging, filters, and every kind of bad input.
@Suite struct TradingRoutesTests {
  let validator: OpenAPIValidator

  init() throws {
    validator = try OpenAPIValidator.load()
  }

  /// 60 signals, one a second, alternating AAPL and msft-like symbols, with scores of both signs.
  static let signals: [Signal] = (0..<60).map { index in
    let scores = [0.1, -0.2, 0.45, -0.5, 0.5, -0.95, 1, -1, 0.3, 0]
    return TradingFixtures.signal(
      index, symbol: index.isMultiple(of: 3) ? "MSFT" : "AAPL", score: scores[index % scores.count])
  }

  /// The validator's complaints about `answer`, which must be JSON for `path` and its status.
  private func violations(_ answer: HTTPAnswer, path: String) throws -> [String] {
    try validator.violations(ofBody: answer.body, path: path, status: answer.status)
  }

  /// Checks that `answer` is a 400 `bad_request` whose body the error schema accepts.
  private func expectBadRequest(
    _ answer: HTTPAnswer, _ uri: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    #expect(answer.status == 400, "\(uri): \(answer.body)", sourceLocation: sourceLocation)
    let body = try JSONDecoder().decode(JSONValue.self, from: Data(answer.body.utf8))
    #expect(
      validator.violations(of: body, againstSchemaNamed: "Error") == [], "\(uri)", sourceLocation: sourceLocation)
    #expect(try answer.decoded(ErrorBody.self).error == "bad_request", "\(uri)", sourceLocation: sourceLocation)
  }

  private static func filled(_ store: SQLTradingStore) async throws {
    try await store.insert(contentsOf: signals)
  }

  @Test func everyRouteAnswersWithTheDocumentedShape() async throws {
    try await withInMemoryStore { store in
      try await Self.filled(store)
      _ = try await store.insertIfAbsent(TradingFixtures.order(1, signal: TradingFixtures.signalID(1)))
      try await store.insert(TradingFixtures.fill(1))
      try await tradingApp(store: store).test(.router) { client in
        for path in ["/api/signals", "/api/orders", "/api/fills", "/api/positions", "/api/portfolio"] {
          let answer = try await client.get(path)
          #expect(answer.status == 200, "\(path): \(answer.body)")
          #expect(try violations(answer, path: path) == [], "\(path)")
        }
        let id = TradingFixtures.signalID(5).description
        let answer = try await client.get("/api/signals/\(id)")
        #expect(answer.status == 200)
        #expect(try violations(answer, path: "/api/signals/{id}") == [])
      }
    }
  }

  @Test func oneOrderComesWithEveryStepOfItsLife() async throws {
    try await withInMemoryStore { store in
      let order = TradingFixtures.order(1, signal: TradingFixtures.signalID(1))
      _ = try await store.insertIfAbsent(order)
      let steps = OrderTransition.steps(
        of: order.id, from: .new, to: .filled, filledQuantity: order.quantity, reason: nil, at: order.createdAt,
        firstSequence: 1)
      try await store.insertIfAbsent(steps)
      try await tradingApp(store: store).test(.router) { client in
        let answer = try await client.get("/api/orders/\(order.id)")
        #expect(answer.status == 200, "\(answer.body)")
        #expect(try violations(answer, path: "/api/orders/{id}") == [])
        let body = try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any]
        #expect(body?["id"] as? String == order.id.rawValue)
        let transitions = body?["transitions"] as? [[String: Any]]
        #expect(transitions?.map { "\($0["from"] ?? "")>\($0["to"] ?? "")" } == ["new>accepted", "accepted>filled"])
        #expect(transitions?.map { $0["sequence"] as? Int } == [1, 2])
        let missing = try await client.get("/api/orders/O-none")
        #expect(missing.status == 404)
        #expect(try violations(missing, path: "/api/orders/{id}") == [])
      }
    }
  }

  @Test func signalsAreNewestFirstFiftyByDefault() async throws {
    try await withInMemoryStore { store in
      try await Self.filled(store)
      try await tradingApp(store: store).test(.router) { client in
        let answer = try await client.get("/api/signals")
        #expect(answer.status == 200)
        #expect(try violations(answer, path: "/api/signals") == [])
        let page = try answer.decoded(PageBody<SignalBody>.self)
        let newest = Self.signals.sorted { $0.id > $1.id }.prefix(50).map(\.id.description)
        #expect(page.items.map(\.id) == Array(newest))
        #expect(page.nextCursor != nil)
        let first = try #require(page.items.first)
        // Index 59: AAPL with a score of 0.
        #expect(first.symbol == "AAPL")
        #expect(first.score == 0)
        #expect(first.timestamp == TradingFixtures.start.adding(seconds: 59).iso8601)
        #expect(first.source == "pattern_engine")
        #expect(first.meta == ["rsi": 42.5])
      }
    }
  }

  @Test func limitOutsideOneToHundredOrNotANumberIsABadRequest() async throws {
    try await withInMemoryStore { store in
      try await Self.filled(store)
      try await tradingApp(store: store).test(.router) { client in
        for listing in ["/api/signals", "/api/orders", "/api/fills"] {
          for limit in ["0", "101", "abc", "-1", "", "1.5", "99999999999999999999"] {
            let uri = "\(listing)?limit=\(limit)"
            let answer = try await client.get(uri)
            try expectBadRequest(answer, uri)
            #expect(try violations(answer, path: listing) == [], "\(uri)")
          }
        }
        for (limit, count) in [(1, 1), (100, 60), (7, 7)] {
          let page = try await client.get("/api/signals?limit=\(limit)").decoded(PageBody<SignalBody>.self)
          #expect(page.items.count == count, "limit=\(limit)")
        }
      }
    }
  }

  @Test func symbolFilterIsCaseInsensitive() async throws {
    try await withInMemoryStore { store in
      try await Self.filled(store)
      try await tradingApp(store: store).test(.router) { client in
        let expected = Self.signals.filter { $0.symbol == "MSFT" }.sorted { $0.id > $1.id }.map(\.id.description)
        for symbol in ["MSFT", "msft", "MsFt"] {
          let pages = try await allPages(
            of: "/api/signals?symbol=\(symbol)&limit=100", as: SignalBody.self, client: client)
          #expect(pages.flatMap { $0 }.map(\.id) == expected, "symbol=\(symbol)")
          #expect(pages.flatMap { $0 }.allSatisfy { $0.symbol == "MSFT" })
        }
        let none = try await client.get("/api/signals?symbol=tsla").decoded(PageBody<SignalBody>.self)
        #expect(none.items.isEmpty)
        #expect(none.nextCursor == nil)
        for symbol in ["A%20B", "%24%24", String(repeating: "X", count: 21)] {
          try expectBadRequest(try await client.get("/api/signals?symbol=\(symbol)"), symbol)
        }
      }
    }
  }

  @Test func minimumScoreFiltersOnTheMagnitude() async throws {
    try await withInMemoryStore { store in
      try await Self.filled(store)
      try await tradingApp(store: store).test(.router) { client in
        for minimum in [0.0, 0.45, 0.5, 0.95, 1] {
          let pages = try await allPages(
            of: "/api/signals?min_score=\(minimum)&limit=100", as: SignalBody.self, client: client)
          let expected = Self.signals.filter { abs($0.score) >= minimum }.sorted { $0.id > $1.id }
          #expect(pages.flatMap { $0 }.map(\.id) == expected.map(\.id.description), "min_score=\(minimum)")
          if minimum > 0 {
            #expect(expected.contains { $0.score <= -minimum }, "the fixture has a negative score ≥ \(minimum)")
          }
        }
        let strong = try await client.get("/api/signals?min_score=0.5&limit=100").decoded(PageBody<SignalBody>.self)
        #expect(strong.items.contains { $0.score == -0.5 })
        #expect(strong.items.contains { $0.score == -1 })
        #expect(!strong.items.contains { $0.score == 0.45 || $0.score == -0.2 })
        for minimum in ["-0.1", "1.5", "abc", "nan", "inf"] {
          try expectBadRequest(try await client.get("/api/signals?min_score=\(minimum)"), minimum)
        }
      }
    }
  }

  @Test func walkingThePagesReturnsEverySignalOnceInOrder() async throws {
    try await withInMemoryStore { store in
      try await Self.filled(store)
      try await tradingApp(store: store).test(.router) { client in
        let pages = try await allPages(of: "/api/signals?limit=7", as: SignalBody.self, client: client)
        #expect(pages.count == 9)
        #expect(pages.dropLast().allSatisfy { $0.count == 7 })
        #expect(pages.last?.count == 4)
        let expected = Self.signals.sorted { $0.id > $1.id }.map(\.id.description)
        #expect(pages.flatMap { $0 }.map(\.id) == expected)

        // The filters hold on every page, and the last page says so with a null cursor.
        let filtered = try await allPages(
          of: "/api/signals?limit=3&symbol=aapl&min_score=0.5", as: SignalBody.self, client: client)
        let expectedFiltered = Self.signals.filter { $0.symbol == "AAPL" && abs($0.score) >= 0.5 }
          .sorted { $0.id > $1.id }.map(\.id.description)
        #expect(filtered.flatMap { $0 }.map(\.id) == expectedFiltered)

        let exact = try await client.get("/api/signals?limit=60")
        #expect(try violations(exact, path: "/api/signals") == [])
        #expect(exact.body.contains(#""next_cursor":null"#))
        #expect(try exact.decoded(PageBody<SignalBody>.self).items.count == 60)
      }
    }
  }

  @Test func unknownQueryParametersAreBadRequests() async throws {
    try await withInMemoryStore { store in
      try await tradingApp(store: store).test(.router) { client in
        for path in ["/api/signals", "/api/orders", "/api/fills", "/api/positions", "/api/portfolio"] {
          let uri = "\(path)?sort=asc"
          let answer = try await client.get(uri)
          try expectBadRequest(answer, uri)
          #expect(try answer.decoded(ErrorBody.self).detail.contains("sort"), "\(uri)")
          #expect(try violations(answer, path: path) == [], "\(uri)")
        }
        try expectBadRequest(try await client.get("/api/signals?limit=5&limit=6"), "limit twice")
        try expectBadRequest(try await client.get("/api/signals?status=filled"), "status on signals")
        try expectBadRequest(try await client.get("/api/fills?status=filled"), "status on fills")
      }
    }
  }

  @Test func garbageCursorsAreBadRequests() async throws {
    try await withInMemoryStore { store in
      try await Self.filled(store)
      _ = try await store.insertIfAbsent(TradingFixtures.order(1, signal: TradingFixtures.signalID(1)))
      _ = try await store.insertIfAbsent(TradingFixtures.order(2, signal: TradingFixtures.signalID(2)))
      try await store.insert(TradingFixtures.fill(1))
      try await store.insert(TradingFixtures.fill(2))
      try await tradingApp(store: store).test(.router) { client in
        let signalCursor = try #require(
          try await client.get("/api/signals?limit=1").decoded(PageBody<SignalBody>.self).nextCursor)
        let orderCursor = try #require(
          try await client.get("/api/orders?limit=1").decoded(PageBody<OrderBody>.self).nextCursor)
        // Not base64url, empty, far too long, or well-formed base64url of a position that no
        // listing hands out: `s|notanid`, `o|abc|x`, `o|1|`, `f|1`, `s|`, `x|1|y`.
        let garbage = [
          "garbage!", "%00%01", "!!!", String(repeating: "A", count: 2_000), "", "%E2%9C%93", "c3xub3Rhbmlk",
          "b3xhYmN8eA", "b3wxfA", "Znwx", "c3w", "eHwxfHk",
        ]
        for listing in ["/api/signals", "/api/orders", "/api/fills"] {
          for cursor in garbage {
            let uri = "\(listing)?cursor=\(cursor)"
            let answer = try await client.get(uri)
            try expectBadRequest(answer, uri)
            #expect(try violations(answer, path: listing) == [], "\(uri)")
          }
        }
        // A cursor of one listing is refused by another.
        try expectBadRequest(try await client.get("/api/orders?cursor=\(signalCursor)"), "signal cursor on orders")
        try expectBadRequest(try await client.get("/api/fills?cursor=\(orderCursor)"), "order cursor on fills")
        try expectBadRequest(try await client.get("/api/signals?cursor=\(orderCursor)"), "order cursor on signals")
      }
    }
  }

  @Test func oneSignalByIDFoundMissingOrMalformed() async throws {
    try await withInMemoryStore { store in
      try await Self.filled(store)
      try await tradingApp(store: store).test(.router) { client in
        let signal = Self.signals[17]
        let found = try await client.get("/api/signals/\(signal.id)")
        #expect(found.status == 200)
        #expect(try violations(found, path: "/api/signals/{id}") == [])
        let body = try found.decoded(SignalBody.self)
        #expect(body.id == signal.id.description)
        #expect(body.symbol == signal.symbol)
        #expect(body.score == signal.score)

        // Lower case is the same id.
        let lower = try await client.get("/api/signals/\(signal.id.description.lowercased())")
        #expect(lower.status == 200)
        #expect(try lower.decoded(SignalBody.self).id == signal.id.description)

        let unknown = TradingFixtures.signalID(999).description
        let missing = try await client.get("/api/signals/\(unknown)")
        #expect(missing.status == 404)
        #expect(try violations(missing, path: "/api/signals/{id}") == [])
        #expect(try missing.decoded(ErrorBody.self).error == "not_found")
        #expect(try missing.decoded(ErrorBody.self).detail.contains(unknown))

        for malformed in ["abc", "0" + unknown, String(unknown.dropLast()), "ZZZZZZZZZZZZZZZZZZZZZZZZZU", "%20"] {
          let answer = try await client.get("/api/signals/\(malformed)")
          try expectBadRequest(answer, malformed)
          #expect(try violations(answer, path: "/api/signals/{id}") == [], "\(malformed)")
        }
      }
    }
  }

  @Test func ordersFilterByStatusAndCarryTheirSignal() async throws {
    try await withInMemoryStore { store in
      try await Self.filled(store)
      let statuses: [Order.Status] = [.filled, .rejected, .filled, .new, .partiallyFilled, .cancelled, .accepted]
      let decided: [OrderRecord] = statuses.enumerated().map { index, status in
        TradingFixtures.order(
          index, signal: TradingFixtures.signalID(index), symbol: index.isMultiple(of: 2) ? "AAPL" : "MSFT",
          side: index.isMultiple(of: 3) ? .sell : .buy, quantity: Fixed(0.1) * (index + 1), status: status)
      }
      let orders = decided + [TradingFixtures.order(7, signal: nil, status: .filled)]
      for order in orders { #expect(try await store.insertIfAbsent(order)) }
      try await tradingApp(store: store).test(.router) { client in
        let all = try await client.get("/api/orders")
        #expect(all.status == 200)
        #expect(try violations(all, path: "/api/orders") == [])
        let listed = try all.decoded(PageBody<OrderBody>.self)
        #expect(listed.items.map(\.id) == orders.reversed().map(\.id.rawValue))
        #expect(listed.nextCursor == nil)
        for (item, order) in zip(listed.items, orders.reversed()) {
          #expect(item.signalId == order.signalID?.description, "\(item.id)")
          #expect(item.quantity == order.quantity.description, "\(item.id)")
          #expect(item.status == order.status.rawValue, "\(item.id)")
        }
        // Exact decimals: 0.1 × 1 stays "0.1", 0.1 × 3 is "0.3", never 0.30000000000000004.
        #expect(listed.items.last?.quantity == "0.1")
        #expect(listed.items.first { $0.id == orders[2].id.rawValue }?.quantity == "0.3")
        #expect(listed.items.first { $0.id == orders[2].id.rawValue }?.averagePrice == "100.25")
        #expect(listed.items.first { $0.id == orders[1].id.rawValue }?.reason == "insufficient margin")
        #expect(all.body.contains(#""signal_id":null"#))

        for status in Order.Status.allCases {
          let answer = try await client.get("/api/orders?status=\(status.rawValue)")
          #expect(answer.status == 200)
          #expect(try violations(answer, path: "/api/orders") == [], "\(status)")
          let page = try answer.decoded(PageBody<OrderBody>.self)
          let expected = orders.filter { $0.status == status }.reversed().map(\.id.rawValue)
          #expect(page.items.map(\.id) == expected, "status=\(status)")
        }
        let msftFilled = try await client.get("/api/orders?symbol=msft&status=filled").decoded(PageBody<OrderBody>.self)
        #expect(msftFilled.items.isEmpty)
        let aaplFilled = try await client.get("/api/orders?symbol=aapl&status=filled").decoded(PageBody<OrderBody>.self)
        #expect(aaplFilled.items.map(\.id) == [orders[7], orders[2], orders[0]].map(\.id.rawValue))

        for status in ["bogus", "FILLED", "partially-filled", ""] {
          let uri = "/api/orders?status=\(status)"
          let answer = try await client.get(uri)
          try expectBadRequest(answer, uri)
          #expect(try violations(answer, path: "/api/orders") == [], "\(uri)")
        }

        let pages = try await allPages(of: "/api/orders?limit=3", as: OrderBody.self, client: client)
        #expect(pages.map(\.count) == [3, 3, 2])
        #expect(pages.flatMap { $0 }.map(\.id) == orders.reversed().map(\.id.rawValue))
      }
    }
  }

  @Test func fillsPageNewestFirstWithExactDecimals() async throws {
    try await withInMemoryStore { store in
      let fills = (0..<9).map { TradingFixtures.fill($0, symbol: $0 < 6 ? "AAPL" : "ETH-USD") }
      for fill in fills.shuffled() { #expect(try await store.insert(fill)) }
      try await tradingApp(store: store).test(.router) { client in
        let first = try await client.get("/api/fills?limit=4")
        #expect(first.status == 200)
        #expect(try violations(first, path: "/api/fills") == [])
        let pages = try await allPages(of: "/api/fills?limit=4", as: FillBody.self, client: client)
        #expect(pages.map(\.count) == [4, 4, 1])
        let items = pages.flatMap { $0 }
        #expect(items.map(\.id) == fills.reversed().map(\.id))
        #expect(Set(items.map(\.id)).count == fills.count)
        #expect(items.allSatisfy { $0.quantity == "0.1" && $0.price == "100.2001" && $0.commission == "0.05" })
        #expect(items.map(\.orderId) == fills.reversed().map(\.fill.orderID.rawValue))

        let eth = try await allPages(of: "/api/fills?limit=2&symbol=eth-usd", as: FillBody.self, client: client)
        #expect(eth.flatMap { $0 }.map(\.id) == fills[6...].reversed().map(\.id))
      }
    }
  }

  @Test func positionsAndPortfolioKeepExactDecimalStrings() async throws {
    try await withInMemoryStore { store in
      try await tradingApp(store: store).test(.router) { client in
        let positions = try await client.get("/api/positions")
        #expect(positions.status == 200)
        #expect(try violations(positions, path: "/api/positions") == [])
        let positionItems = try #require(
          try JSONDecoder().decode([String: [[String: JSONValue]]].self, from: Data(positions.body.utf8))["items"])
        #expect(positionItems.count == 2)
        let apple = try #require(positionItems.first)
        #expect(apple["symbol"] == "AAPL")
        #expect(apple["quantity"] == "0.1")
        #expect(apple["average_price"] == "187.5")
        #expect(apple["market_price"] == "190.25")
        #expect(apple["unrealized_pnl"] == "0.275")
        #expect(apple["realized_pnl"] == "-1.5")
        let bitcoin = try #require(positionItems.last)
        #expect(bitcoin["quantity"] == "-2")
        #expect(bitcoin["average_price"] == "64000.12345678")
        #expect(bitcoin["market_price"] == .null)
        #expect(bitcoin["unrealized_pnl"] == .null)
        #expect(bitcoin["realized_pnl"] == "0")
        #expect(positions.body.contains(#""quantity":"0.1""#))

        let portfolio = try await client.get("/api/portfolio")
        #expect(portfolio.status == 200)
        #expect(try violations(portfolio, path: "/api/portfolio") == [])
        let account = try JSONDecoder().decode([String: JSONValue].self, from: Data(portfolio.body.utf8))
        #expect(account["cash"] == "100000.1")
        #expect(account["equity"] == "100019.125")
        #expect(account["realized_pnl"] == "-1.5")
        #expect(account["unrealized_pnl"] == "0.275")
        #expect(account["gross_exposure"] == "128019.02")
        #expect(account["net_exposure"] == "-127981")
        #expect(account["positions_count"] == 2)
        #expect(account["timestamp"] == .string(TradingFixtures.start.iso8601))
      }
    }
  }

  @Test func emptyStoreListsNothingWithANullCursor() async throws {
    try await withInMemoryStore { store in
      try await tradingApp(store: store, portfolio: FixedPortfolio(positions: [])).test(.router) { client in
        for path in ["/api/signals", "/api/orders", "/api/fills", "/api/positions"] {
          let answer = try await client.get(path)
          #expect(answer.status == 200)
          #expect(try violations(answer, path: path) == [], "\(path)")
          #expect(answer.body.contains(#""items":[]"#), "\(path): \(answer.body)")
        }
        #expect(try await client.get("/api/signals").body.contains(#""next_cursor":null"#))
      }
    }
  }
}
