/// One step of an order's life: the status it left and the one it entered, with the quantity
/// filled by then. Execution records every step, in the store and on the bus, so that an order's
/// history can be read back and followed live.
public struct OrderTransition: Sendable, Hashable, Codable {
  public var orderID: OrderID
  /// 1 for the order's first step out of `new`, 2 for the next, …: with the order id, the
  /// step's identity, so that a step recorded twice is stored once.
  public var sequence: Int
  public var from: Order.Status
  public var to: Order.Status
  public var filledQuantity: Quantity
  public var reason: String?
  public var timestamp: Timestamp

  public init(
    orderID: OrderID, sequence: Int, from: Order.Status, to: Order.Status, filledQuantity: Quantity,
    reason: String? = nil, timestamp: Timestamp
  ) {
    self.orderID = orderID
    self.sequence = sequence
    self.from = from
    self.to = to
    self.filledQuantity = filledQuantity
    self.reason = reason
    self.timestamp = timestamp
  }

  /// The steps that take an order from `from` (with `previouslyFilled`) to `to` (with
  /// `filledQuantity`), numbered from `firstSequence`, when the broker reports only where the
  /// order ended up: a market order answered `filled` went through `accepted`; an order that
  /// ended cancelled or rejected with some quantity filled went through `partially_filled`.
  /// Empty when nothing changed, or when the move is not allowed (a terminal order never moves
  /// again; the caller records that as a disagreement).
  public static func steps(
    of orderID: OrderID, from: Order.Status, previouslyFilled: Quantity = .zero, to: Order.Status,
    filledQuantity: Quantity, reason: String?, at time: Timestamp, firstSequence: Int
  ) -> [OrderTransition] {
    if from == to, to != .partiallyFilled || filledQuantity == previouslyFilled { return [] }
    let endsUnfilled = to == .cancelled || to == .rejected
    let filledMore = filledQuantity > previouslyFilled
    var path: [Order.Status] = []
    if from == .new, to == .partiallyFilled || to == .filled || endsUnfilled && filledMore { path.append(.accepted) }
    if endsUnfilled, filledMore { path.append(.partiallyFilled) }
    if path.last != to { path.append(to) }
    var steps: [OrderTransition] = []
    var current = from
    for next in path {
      guard current.canMove(to: next) else { return [] }
      steps.append(
        OrderTransition(
          orderID: orderID, sequence: firstSequence + steps.count, from: current, to: next,
          filledQuantity: next == .accepted ? previouslyFilled : filledQuantity, reason: next == to ? reason : nil,
          timestamp: time))
      current = next
    }
    return steps
  }
}

extension Order.Status {
  /// Whether an order may move from this status to `next`: forward through the life
  /// new → accepted → partially filled → filled | cancelled | rejected, a partly filled order
  /// again to partly filled (more filled), and never out of a terminal status.
  public func canMove(to next: Order.Status) -> Bool {
    switch (self, next) {
    case (.new, .accepted), (.new, .rejected), (.new, .cancelled): true
    case (.accepted, .partiallyFilled), (.accepted, .filled), (.accepted, .cancelled), (.accepted, .rejected): true
    case (.partiallyFilled, .partiallyFilled), (.partiallyFilled, .filled), (.partiallyFilled, .cancelled),
      (.partiallyFilled, .rejected):
      true
    default: false
    }
  }
}
