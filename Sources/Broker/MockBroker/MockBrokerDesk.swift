import TradingCore

/// The mock broker's trading desk: the core's simulated broker filling against the latest
/// quotes of its own market, with the book-keeping a real broker shows its clients — its own
/// order ids beside the clients' ids, every order's transitions, fills — kept in a journal so
/// that a restarted broker knows every order it ever accepted.
///
/// One client order id makes one order: placing it again answers the first order, marked
/// `duplicate`. That is what lets a client whose `place_order` timed out look the order up, or
/// simply send it again, without trading twice.
public actor MockBrokerDesk {
  /// How the desk trades.
  public struct Settings: Sendable {
    /// The symbols it quotes and trades.
    public var symbols: [String]
    public var startingCash: Money
    public var simulation: SimulatedBroker.Configuration
    /// The journal file; `nil` keeps everything in memory.
    public var journalPath: String?

    public init(
      symbols: [String], startingCash: Money, simulation: SimulatedBroker.Configuration = .init(),
      journalPath: String? = nil
    ) {
      self.symbols = symbols
      self.startingCash = startingCash
      self.simulation = simulation
      self.journalPath = journalPath
    }
  }

  /// Which orders `orders(status:)` lists.
  public enum OrderFilter: String, Sendable, CaseIterable {
    case all, open, closed
  }

  public let settings: Settings
  private var simulation: QuotedSimulation
  private let journal: MockBrokerJournal?
  private let knownSymbols: Set<String>
  private var orders: [String: BrokerOrderReport] = [:]
  private var brokerIDByClientID: [String: String] = [:]
  private var fillsByOrder: [String: [BrokerFillReport]] = [:]
  private var orderSequence = 0
  private var latestTime = Timestamp(nanosecondsSinceEpoch: 0)

  /// Opens the desk, reading back its journal when there is one.
  public init(settings: Settings) throws(MockBrokerError) {
    self.settings = settings
    simulation = QuotedSimulation(cash: settings.startingCash, configuration: settings.simulation)
    journal = settings.journalPath.map { MockBrokerJournal(path: $0) }
    knownSymbols = Set(settings.symbols)
    let lines: [MockBrokerJournal.Line]
    do { lines = try journal?.read() ?? [] } catch { throw .storage(error.description) }
    var fills: [Fill] = []
    for line in lines {
      if let order = line.order {
        orders[order.orderID] = order
        brokerIDByClientID[order.clientOrderID] = order.orderID
      }
      if let fill = line.fill {
        fillsByOrder[fill.orderID, default: []].append(fill)
        fills.append(fill.fill)
      }
    }
    orderSequence = orders.keys.compactMap(Self.sequence(of:)).max() ?? 0
    let resting = orders.values.filter(\.status.isOpen).sorted { $0.orderID < $1.orderID }.map(Self.resting)
    simulation.restore(fills: fills, resting: resting)
  }

  /// How many orders the desk has accepted since it first opened its journal.
  public var orderCount: Int { orders.count }

  /// Records `tick` as its symbol's quote and books the resting orders it fills.
  public func updateQuote(_ tick: Tick) throws(MockBrokerError) {
    latestTime = max(latestTime, tick.timestamp)
    let reports = simulation.updateQuote(tick)
    guard !reports.isEmpty else { return }
    var lines: [MockBrokerJournal.Line] = []
    for report in reports {
      guard let brokerID = brokerIDByClientID[report.order.id.rawValue], var record = orders[brokerID] else {
        continue
      }
      var newFills: [BrokerFillReport] = []
      switch report {
      case .filled(let order, let fill):
        newFills.append(bookFill(fill, of: record))
        record.record(
          status: order.status, filledQuantity: record.filledQuantity + fill.quantity, reason: nil,
          at: fill.timestamp)
      case .rejected(_, let reason):
        record.record(
          status: .rejected, filledQuantity: record.filledQuantity, reason: reason, at: tick.timestamp)
      }
      record.averagePrice = averagePrice(of: brokerID)
      orders[brokerID] = record
      lines += newFills.map { MockBrokerJournal.Line(fill: $0) }
      lines.append(MockBrokerJournal.Line(order: record))
    }
    try write(lines)
  }

  /// Places an order, or answers the first order placed under the same client id.
  public func place(_ request: PlaceOrderRequest) throws(MockBrokerError) -> BrokerOrderDetail {
    if let existing = brokerIDByClientID[request.clientOrderID], let order = orders[existing] {
      return BrokerOrderDetail(order: order, fills: fillsByOrder[existing] ?? [], duplicate: true)
    }
    guard knownSymbols.contains(request.symbol) else {
      throw .unknownSymbol(request.symbol, known: settings.symbols)
    }
    let time = simulation.quotes[request.symbol]?.timestamp ?? latestTime
    orderSequence += 1
    let brokerID = Self.brokerID(orderSequence)
    var record = BrokerOrderReport(
      orderID: brokerID, clientOrderID: request.clientOrderID, symbol: request.symbol, side: request.side,
      orderType: request.kind, quantity: request.quantity, limitPrice: request.limitPrice, createdAt: time)
    brokerIDByClientID[request.clientOrderID] = brokerID
    let order = Order(
      id: OrderID(request.clientOrderID), symbol: request.symbol, side: request.side, kind: request.kind,
      quantity: .units(request.quantity), limitPrice: request.limitPrice, createdAt: time)
    let placement = simulation.place(order)
    if placement.order.status != .rejected || !placement.fills.isEmpty {
      record.record(status: .accepted, filledQuantity: .zero, reason: nil, at: time)
    }
    let fills = placement.fills.map { bookFill($0, of: record) }
    record.record(
      status: placement.order.status, filledQuantity: placement.order.filledQuantity,
      reason: placement.order.reason, at: time)
    record.averagePrice = averagePrice(of: brokerID)
    orders[brokerID] = record
    try write(fills.map { MockBrokerJournal.Line(fill: $0) } + [MockBrokerJournal.Line(order: record)])
    return BrokerOrderDetail(order: record, fills: fills, duplicate: false)
  }

  /// Cancels an open order, found by broker or client id.
  public func cancel(_ id: String) throws(MockBrokerError) -> BrokerOrderDetail {
    let brokerID = try resolve(id)
    guard var record = orders[brokerID] else { throw .unknownOrder(id) }
    guard record.status.isOpen, simulation.cancel(OrderID(record.clientOrderID)) != nil else {
      throw .notOpen(id, status: record.status.rawValue)
    }
    record.record(
      status: .cancelled, filledQuantity: record.filledQuantity, reason: "cancelled by the client",
      at: latestTime)
    orders[brokerID] = record
    try write([MockBrokerJournal.Line(order: record)])
    return BrokerOrderDetail(order: record, fills: fillsByOrder[brokerID] ?? [])
  }

  /// An order with its fills and transitions, found by broker or client id.
  public func detail(_ id: String) throws(MockBrokerError) -> BrokerOrderDetail {
    let brokerID = try resolve(id)
    guard let record = orders[brokerID] else { throw .unknownOrder(id) }
    return BrokerOrderDetail(order: record, fills: fillsByOrder[brokerID] ?? [])
  }

  /// Orders, oldest first, optionally only open or closed ones, one symbol's, or only those
  /// placed after broker order `after` together with every order still open (an order once
  /// finished never changes, so a client that has seen up to `after` needs only these); at most
  /// `limit` (the newest ones when there are more).
  public func orders(
    filter: OrderFilter = .all, symbol: String? = nil, after: String? = nil, limit: Int = 1_000
  ) -> [BrokerOrderReport] {
    let chosen = orders.values.filter { order in
      let statusMatches =
        switch filter {
        case .all: true
        case .open: order.status.isOpen
        case .closed: !order.status.isOpen
        }
      let isNew = after.map { order.orderID > $0 || order.status.isOpen } ?? true
      return statusMatches && isNew && (symbol.map { $0 == order.symbol } ?? true)
    }
    return Array(chosen.sorted { $0.orderID < $1.orderID }.suffix(limit))
  }

  /// Every symbol traded, flat ones included, with realised and unrealised P&L.
  public func positions() -> [BrokerPositionReport] {
    let marks = simulation.simulated.marks
    return simulation.simulated.portfolio.positions.values.sorted { $0.symbol < $1.symbol }.map { position in
      let mark = marks[position.symbol]
      return BrokerPositionReport(
        symbol: position.symbol, quantity: position.quantity, averagePrice: position.averageEntryPrice,
        lastPrice: mark, realisedPnL: position.realizedPnL,
        unrealisedPnL: mark.map { position.unrealizedPnL(mark: $0) } ?? .zero)
    }
  }

  /// The positions that are not flat.
  public func holdings() -> [BrokerPositionReport] { positions().filter { !$0.quantity.isZero } }

  /// Cash, equity, exposure and what is still available.
  public func margins() -> BrokerMargins {
    let portfolio = simulation.simulated.portfolio
    let marks = simulation.simulated.marks
    let equity = simulation.simulated.equity
    let exposure = portfolio.grossExposure(marks: marks)
    let limit = equity * Fixed(settings.simulation.leverage)
    return BrokerMargins(
      cash: portfolio.cash, equity: equity, exposure: exposure, available: max(.zero, limit - exposure))
  }

  /// The latest quotes of `symbols` (every symbol when empty); a symbol not quoted yet is left out.
  public func quotes(for symbols: [String]) throws(MockBrokerError) -> [BrokerQuote] {
    for symbol in symbols where !knownSymbols.contains(symbol) {
      throw .unknownSymbol(symbol, known: settings.symbols)
    }
    let wanted = symbols.isEmpty ? settings.symbols : symbols
    return wanted.compactMap { simulation.quotes[$0].map(BrokerQuote.init(tick:)) }
  }

  private func resolve(_ id: String) throws(MockBrokerError) -> String {
    if orders[id] != nil { return id }
    if let brokerID = brokerIDByClientID[id] { return brokerID }
    throw .unknownOrder(id)
  }

  private func bookFill(_ fill: Fill, of record: BrokerOrderReport) -> BrokerFillReport {
    let sequence = (fillsByOrder[record.orderID]?.count ?? 0) + 1
    let report = BrokerFillReport(
      orderID: record.orderID, clientOrderID: record.clientOrderID, sequence: sequence, fill: fill)
    fillsByOrder[record.orderID, default: []].append(report)
    return report
  }

  private func averagePrice(of brokerID: String) -> Price? {
    guard let fills = fillsByOrder[brokerID], !fills.isEmpty else { return nil }
    let quantity = fills.reduce(Quantity.zero) { $0 + $1.quantity }
    let notional = fills.reduce(Money.zero) { $0 + $1.quantity * $1.price }
    return notional / quantity
  }

  private func write(_ lines: [MockBrokerJournal.Line]) throws(MockBrokerError) {
    do { try journal?.append(lines) } catch { throw .storage(error.description) }
  }

  /// The unfilled part of an order that was resting when the journal was written.
  private static func resting(_ record: BrokerOrderReport) -> Order {
    var order = record.order
    order.quantity = .units(record.quantity - record.filledQuantity)
    order.filledQuantity = .zero
    order.status = .accepted
    return order
  }

  /// `B-` and the sequence number, zero-padded so that ids sort in placing order.
  static func brokerID(_ sequence: Int) -> String {
    let digits = String(sequence)
    return "B-" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
  }

  static func sequence(of brokerID: String) -> Int? {
    guard brokerID.hasPrefix("B-") else { return nil }
    return Int(brokerID.dropFirst(2))
  }
}
