import Messaging
import Persistence
import Synchronization
import TradingCore

/// Keeps the account — cash, positions, P&L — from the fills on `orders:fills` (consumer group
/// `portfolio`), stores each changed position and a snapshot, and tells WebSocket clients.
/// A process that only needs to see the account (a strategy engine, the API, when the
/// components run apart) keeps a view: `persisting: false`, in a consumer group of its own.
///
/// Exact: every amount is `Fixed` and fills are applied as `Portfolio.apply` books them.
/// Idempotent per fill id, so a redelivered fill is applied once. Marks come from the latest
/// quotes (their mid); the strategy sizes against `strategyContext(at:)`, the API shows `snapshot()`.
public actor PortfolioService: HealthReporting {
  public nonisolated let componentKey = "portfolio"

  /// The account as one value, behind a lock rather than the actor, so that a tick's mark and
  /// the strategy's read of the account never wait behind the fill handler (or each other's
  /// actor hops). Only the fill handler changes `portfolio`; `mark` changes `marks`.
  private struct Account: Sendable {
    var portfolio: Portfolio {
      didSet { holdings = Self.holdings(of: portfolio) }
    }
    /// The signed quantity of each position not flat, as the strategy's context holds them:
    /// kept beside `portfolio` (it changes with fills only) rather than built for every signal.
    private(set) var holdings: [String: Quantity]
    /// The price each symbol is valued at: the mid of its latest quote.
    var marks: [String: Price] = [:]
    /// The time of the latest quote or fill seen: the moment `snapshot()` describes.
    var asOf = Timestamp(nanosecondsSinceEpoch: 0)

    init(portfolio: Portfolio) {
      self.portfolio = portfolio
      holdings = Self.holdings(of: portfolio)
    }

    private static func holdings(of portfolio: Portfolio) -> [String: Quantity] {
      portfolio.positions.compactMapValues { $0.isFlat ? nil : $0.quantity }
    }
  }

  private nonisolated let account: Mutex<Account>
  private var appliedFillIDs: Set<String> = []
  private let bus: any EventBus
  private let store: any PipelineStore
  private let hub: EventHub
  private let reading: BusConsumer
  /// Whether positions and snapshots are stored: true for the one service that keeps the books.
  private let persisting: Bool
  private var stopRequested = false
  private var fillsApplied = 0
  private var malformedMessages = 0
  private var lastError: String?

  public init(
    startingCash: Money, bus: any EventBus, store: any PipelineStore, hub: EventHub,
    reading: BusConsumer = BusConsumer(stream: .orderFills, group: "portfolio", consumer: "portfolio-1"),
    persisting: Bool = true
  ) {
    self.persisting = persisting
    account = Mutex(Account(portfolio: Portfolio(cash: startingCash)))
    self.bus = bus
    self.store = store
    self.hub = hub
    self.reading = reading
  }

  /// Cash and positions as booked from the fills applied so far.
  public nonisolated var portfolio: Portfolio { account.withLock { $0.portfolio } }
  /// The price each symbol is valued at: the mid of its latest quote.
  public nonisolated var marks: [String: Price] { account.withLock { $0.marks } }
  /// The time of the latest quote or fill seen: the moment `snapshot()` describes.
  public nonisolated var asOf: Timestamp { account.withLock { $0.asOf } }

  /// The account and its marks read together, at one moment.
  public nonisolated var valuation: (portfolio: Portfolio, marks: [String: Price], asOf: Timestamp) {
    account.withLock { ($0.portfolio, $0.marks, $0.asOf) }
  }

  /// Applies stored fills, oldest first, without storing or publishing anything: the restart path.
  public func restore(fills: [FillRecord]) {
    for record in fills where appliedFillIDs.insert(record.id).inserted {
      account.withLock { account in
        account.portfolio.apply(record.fill)
        account.asOf = max(account.asOf, record.fill.timestamp)
      }
    }
  }

  /// Values `tick.symbol` at the tick's mid from now on.
  public nonisolated func mark(_ tick: Tick) {
    let mid = Fixed(raw: (tick.bid.raw + tick.ask.raw) / 2)
    account.withLock { account in
      account.marks[tick.symbol] = mid
      account.asOf = max(account.asOf, tick.timestamp)
    }
  }

  /// The account as of the latest quote or fill, valued at the latest marks.
  public nonisolated func snapshot() -> PortfolioSnapshot {
    account.withLock { PortfolioSnapshot(portfolio: $0.portfolio, marks: $0.marks, at: $0.asOf) }
  }

  /// What the strategy needs to size a decision at `timestamp`.
  public nonisolated func strategyContext(at timestamp: Timestamp) -> StrategyContext {
    account.withLock {
      StrategyContext(
        timestamp: timestamp, equity: $0.portfolio.equity(marks: $0.marks), cash: $0.portfolio.cash,
        positions: $0.holdings, lastPrices: $0.marks)
    }
  }

  /// Reads fills until `finish()` is called and nothing is left, or the task is cancelled.
  public func run() async throws {
    try await reading.run(
      on: bus, shouldStop: { await self.stopRequested }, onBusError: { await self.busFailed($0) },
      handle: { await self.handle($0) })
  }

  /// Asks `run()` to return once no fill is waiting.
  public func finish() { stopRequested = true }

  private func busFailed(_ error: any Error) { lastError = "\(reading.stream): \(error)" }

  public func health() async -> ComponentHealth {
    let (portfolio, marks) = account.withLock { ($0.portfolio, $0.marks) }
    var details: [String: JSONValue] = [
      "fills_applied": .number(Double(fillsApplied)), "malformed_messages": .number(Double(malformedMessages)),
      "positions": .number(Double(portfolio.positions.values.filter { !$0.isFlat }.count)),
      "cash": .string(portfolio.cash.description), "equity": .string(portfolio.equity(marks: marks).description),
    ]
    details.merge(await reading.backlog(on: bus)) { own, _ in own }
    if let lastError { details["last_error"] = .string(lastError) }
    return ComponentHealth(
      name: "Portfolio", status: lastError == nil ? .ok : .degraded, running: !stopRequested,
      version: AITraderVersion.current, details: details)
  }

  private func handle(_ message: BusMessage) async -> HandlingOutcome {
    let record: FillRecord
    do {
      record = try BusEnvelope(busFields: message.fields).decodePayload(as: FillRecord.self)
    } catch {
      malformedMessages += 1
      lastError = "orders:fills \(message.id): \(error)"
      return .done
    }
    guard !appliedFillIDs.contains(record.id) else { return .done }
    let (booked, marks) = account.withLock { ($0.portfolio, $0.marks) }
    var updated = booked
    updated.apply(record.fill)
    let position = PositionRecord(
      position: updated.positions[record.fill.symbol] ?? Position(symbol: record.fill.symbol),
      updatedAt: record.fill.timestamp)
    if persisting {
      do {
        try await store.upsertPosition(position)
        try await store.insertPortfolioSnapshot(
          PortfolioSnapshot(portfolio: updated, marks: marks, at: position.updatedAt))
      } catch {
        lastError = "storing position \(position.symbol): \(error)"
        return .retry
      }
    }
    guard appliedFillIDs.insert(record.id).inserted else { return .done }
    account.withLock { account in
      account.portfolio = updated
      account.asOf = max(account.asOf, position.updatedAt)
    }
    fillsApplied += 1
    hub.publish(.position(position))
    return .done
  }
}
