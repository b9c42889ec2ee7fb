import Foundation
import Persistence
import Testing
import TradingCore

/// `aitrader run` as a user runs it: stopped with SIGTERM and started again on the same data
/// directory, it finds every signal, order, fill and position it had stored.
@Suite(.serialized) struct EmbeddedRestartTests {
  @Test func stopAndStartFindsEverythingAgain() async throws {
    let dataDirectory = try RunningAITrader.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dataDirectory) }

    // First run: trade until a few orders exist, then record what the API shows.
    let first = try await RunningAITrader.start(
      dataDirectory: dataDirectory, arguments: ["--tick-rate", "200", "--seed", "7"], label: "first")
    let recorded: Recording
    do {
      let traded = await first.eventually(timeout: .seconds(120)) {
        let orders = try await first.getJSON("/api/orders?limit=100", as: PageBody<OrderBody>.self)
        let fills = try await first.getJSON("/api/fills?limit=1", as: PageBody<FillBody>.self)
        return orders.items.count >= 3 && !fills.items.isEmpty
      }
      #expect(traded, "no orders and fills within 120 s\n\(first.diagnostics())")
      recorded = try await Recording(of: first)
    } catch {
      first.forceStop()
      throw error
    }
    #expect(!recorded.fills.isEmpty)

    // SIGTERM: the process drains and exits with status 0.
    let firstStatus = try await first.terminate()
    #expect(firstStatus == 0, "first run exited with \(firstStatus)\n\(first.diagnostics())")

    // What the first run left on disk: every record it showed, and its final positions.
    let storage = try await SQLiteStore.open(.dataDirectory(dataDirectory.path))
    let stored: [PositionRecordSummary]
    let storedAll: [String]
    do {
      for id in recorded.signals {
        #expect(try await storage.store.signal(id: try #require(TimeSortableID(id))) != nil, "\(id)")
      }
      for order in recorded.orders {
        #expect(try await storage.store.order(id: .init(order.id)) != nil, "\(order.id)")
      }
      let all = try await storage.store.positions()
      storedAll = all.map(\.symbol)
      stored = all.filter { !$0.quantity.isZero }
        .map {
          PositionRecordSummary(
            symbol: $0.symbol, quantity: $0.quantity.description, averagePrice: $0.averageEntryPrice.description)
        }
        .sorted { $0.symbol < $1.symbol }
      try await storage.shutdown()
    } catch {
      try? await storage.shutdown()
      throw error
    }
    let storedSymbols = Set(stored.map(\.symbol))
    #expect(!storedSymbols.isEmpty)

    // Second run on the same directory, barely trading: everything is found again.
    let second = try await RunningAITrader.start(
      dataDirectory: dataDirectory, arguments: ["--tick-rate", "0.001", "--seed", "7"], label: "second")
    do {
      // Asked first, as soon as the server answers: the account is restored before the API serves it.
      let firstPositions = try await second.getJSON("/api/positions", as: PositionsBody.self).items
        .map { PositionRecordSummary(symbol: $0.symbol, quantity: $0.quantity, averagePrice: $0.averagePrice) }
      #expect(firstPositions == stored, "positions right after the restart")
      let signals = try await second.walk("/api/signals?limit=100", as: SignalBody.self).map(\.id)
      #expect(Set(recorded.signals).isSubset(of: Set(signals)), "signals lost over the restart")
      #expect(Set(signals).count == signals.count, "a signal listed twice")

      let orders = try await second.walk("/api/orders?limit=100", as: OrderBody.self)
      let ordersByID = Dictionary(orders.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
      for order in recorded.orders {
        let again = ordersByID[order.id]
        #expect(again != nil, "order \(order.id) lost over the restart")
        #expect(again?.signalId == order.signalId, "order \(order.id) lost its signal")
        #expect(again?.symbol == order.symbol)
        #expect(again?.quantity == order.quantity)
      }
      // Each order traces back to a stored signal.
      let signalIDs = Set(signals)
      for order in orders {
        #expect(order.signalId.map(signalIDs.contains) == true, "order \(order.id): signal \(order.signalId ?? "-")")
      }

      let fills = try await second.walk("/api/fills?limit=100", as: FillBody.self).map(\.id)
      #expect(Set(recorded.fills).isSubset(of: Set(fills)), "fills lost over the restart")

      // The positions the first run stored are the ones the second shows, to the last digit.
      let positions = try await second.getJSON("/api/positions", as: PositionsBody.self).items
        .map { PositionRecordSummary(symbol: $0.symbol, quantity: $0.quantity, averagePrice: $0.averagePrice) }
      #expect(positions == stored, "\(second.diagnostics())")
      // Every symbol the first run showed a position in was stored (flat if it closed before the stop).
      #expect(Set(recorded.positions.map(\.symbol)).isSubset(of: Set(storedAll)), "positions lost")
    } catch {
      second.forceStop()
      throw error
    }

    // A connected WebSocket client is closed with 1001 when the server stops.
    let client = WebSocketTestClient(port: second.port)
    let opened = await eventually(timeout: .seconds(20)) { client.isOpen || client.isFinished }
    #expect(opened && client.isOpen, "the WebSocket did not open: \(client.failure ?? "-")")
    let secondStatus = try await second.terminate()
    #expect(secondStatus == 0, "second run exited with \(secondStatus)\n\(second.diagnostics())")
    let closed = await eventually(timeout: .seconds(20)) { client.isFinished }
    #expect(closed, "the WebSocket was not closed")
    #expect(client.closeFrame?.closeCode == .goingAway, "close frame: \(String(describing: client.closeFrame))")
    await client.close()
  }
}
