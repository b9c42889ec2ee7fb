import Persistence
import Testing
import TradingCore

@Suite("OrderTransitionStore")
struct OrderTransitionStoreTests {
  @Test("transitions come back by sequence, each stored once however often it is written", arguments: StoreBackend.all)
  func storedOnce(backend: StoreBackend) async throws {
    try await withStore(backend) { store async throws in
      let steps = OrderTransition.steps(
        of: OrderID("O-1"), from: .new, to: .rejected, filledQuantity: Fixed("2.5")!,
        reason: "insufficient margin for 1 unit at 101", at: Fixtures.start, firstSequence: 1)
      #expect(steps.count == 3)
      #expect(try await store.insertIfAbsent(Array(steps.reversed())) == 3)
      #expect(try await store.insertIfAbsent(steps) == 0)
      let other = OrderTransition(
        orderID: OrderID("O-2"), sequence: 1, from: .new, to: .accepted, filledQuantity: .zero,
        timestamp: Fixtures.start.adding(seconds: 1))
      #expect(try await store.insertIfAbsent([other, steps[0]]) == 1)
      #expect(try await store.transitions(of: OrderID("O-1")) == steps)
      #expect(try await store.transitions(of: OrderID("O-2")) == [other])
      #expect(try await store.transitions(of: OrderID("O-3")).isEmpty)
    }
  }
}
