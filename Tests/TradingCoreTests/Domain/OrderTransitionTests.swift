import Testing
import TradingCore

/// The order state machine: which moves are allowed, and the steps filled in when a broker
/// reports only where an order ended up.
@Suite struct OrderTransitionTests {
  static let time = Timestamp(secondsSinceEpoch: 1_700_000_000)
  static let id = OrderID("O-1")

  static func path(
    _ from: Order.Status, _ to: Order.Status, filled: Quantity = .zero, before: Quantity = .zero
  ) -> [String] {
    OrderTransition.steps(
      of: id, from: from, previouslyFilled: before, to: to, filledQuantity: filled, reason: nil, at: time,
      firstSequence: 1
    ).map { "\($0.from.rawValue)>\($0.to.rawValue)" }
  }

  @Test func allowsOnlyForwardMovesAndNoneOutOfATerminalStatus() {
    let allowed = Order.Status.allCases.flatMap { from in
      Order.Status.allCases.filter { from.canMove(to: $0) }.map { "\(from.rawValue)>\($0.rawValue)" }
    }
    #expect(
      Set(allowed) == [
        "new>accepted", "new>rejected", "new>cancelled",
        "accepted>partially_filled", "accepted>filled", "accepted>cancelled", "accepted>rejected",
        "partially_filled>partially_filled", "partially_filled>filled", "partially_filled>cancelled",
        "partially_filled>rejected",
      ])
  }

  @Test func fillsInTheStepsABrokerDidNotReport() {
    #expect(Self.path(.new, .filled, filled: 5) == ["new>accepted", "accepted>filled"])
    #expect(Self.path(.new, .accepted) == ["new>accepted"])
    #expect(Self.path(.new, .rejected) == ["new>rejected"])
    #expect(
      Self.path(.new, .rejected, filled: 2) == [
        "new>accepted", "accepted>partially_filled", "partially_filled>rejected",
      ])
    #expect(Self.path(.new, .partiallyFilled, filled: 2) == ["new>accepted", "accepted>partially_filled"])
    #expect(Self.path(.accepted, .cancelled) == ["accepted>cancelled"])
    #expect(
      Self.path(.partiallyFilled, .partiallyFilled, filled: 3, before: 2) == ["partially_filled>partially_filled"])
    #expect(Self.path(.partiallyFilled, .cancelled, filled: 2, before: 2) == ["partially_filled>cancelled"])
  }

  @Test func nothingChangedOrNotAllowedMakesNoStep() {
    #expect(Self.path(.accepted, .accepted).isEmpty)
    #expect(Self.path(.partiallyFilled, .partiallyFilled, filled: 2, before: 2).isEmpty)
    #expect(Self.path(.filled, .cancelled).isEmpty)
    #expect(Self.path(.rejected, .filled, filled: 1).isEmpty)
  }

  @Test func numbersTheStepsAndPutsTheFilledQuantityAndReasonWhereTheyBelong() {
    let steps = OrderTransition.steps(
      of: Self.id, from: .new, to: .rejected, filledQuantity: 4, reason: "margin", at: Self.time, firstSequence: 3)
    #expect(steps.map(\.sequence) == [3, 4, 5])
    #expect(steps.map(\.filledQuantity) == [0, 4, 4])
    #expect(steps.map(\.reason) == [nil, nil, "margin"])
  }
}
