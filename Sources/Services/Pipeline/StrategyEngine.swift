import Messaging
import TradingCore

/// Turns signals into order decisions: reads `signals:global` in consumer group `strategy`,
/// sizes each signal against the portfolio with `DecisionPipeline`, and publishes each new order
/// decision on `orders:decisions` (envelope type `order_decision`) and as an `order` event.
///
/// A signal yields at most one order, however often it is delivered: the order's id derives
/// from the signal's, the pipeline answers a repeat with `.duplicate`, and the store's
/// `insertOrdersIfAbsent` refuses a second order with the same id. The signals of one read are
/// decided in order and their orders stored in one write. A message is acknowledged after its
/// order is stored and published.
public actor StrategyEngine: HealthReporting {
  public nonisolated let componentKey = "strategy_engine"
  private var pipeline: DecisionPipeline
  private let portfolio: PortfolioService
  private let bus: any EventBus
  private let store: any PipelineStore
  private let hub: EventHub
  private let metrics: any PipelineMetrics
  private let reading: BusConsumer
  /// Views from outside the core (ML, sentiment), asked before each decision.
  private let forecasters: [any Forecaster]
  private var stopRequested = false
  private var figures = Figures()

  /// Running totals for `health()`.
  private struct Figures {
    var signalsRead = 0
    var ordersDecided = 0
    var duplicates = 0
    /// Stored decisions still `new` that were published again.
    var republished = 0
    var noOrder: [String: Int] = [:]
    var malformedMessages = 0
    var totalLatencySeconds = 0.0
    var maxLatencySeconds = 0.0
    /// Of the latency, the time spent waiting for the forecasters (a model, the sentiment engine).
    var totalForecastSeconds = 0.0
    var maxForecastSeconds = 0.0
    var lastError: String?
  }

  public init(
    portfolio: PortfolioService, bus: any EventBus, store: any PipelineStore, hub: EventHub,
    metrics: any PipelineMetrics = NoPipelineMetrics(), pipeline: DecisionPipeline = DecisionPipeline(),
    reading: BusConsumer = BusConsumer(stream: .signals, group: "strategy", consumer: "strategy-1"),
    forecasters: [any Forecaster] = []
  ) {
    self.forecasters = forecasters
    self.portfolio = portfolio
    self.bus = bus
    self.store = store
    self.hub = hub
    self.metrics = metrics
    self.pipeline = pipeline
    self.reading = reading
  }

  /// Reads signals until `finish()` is called and nothing is left, or the task is cancelled.
  public func run() async throws {
    try await reading.run(
      on: bus, shouldStop: { await self.stopRequested }, onBusError: { await self.busFailed($0) },
      handleBatch: { await self.handle(batch: $0) })
  }

  /// Asks `run()` to return once no signal is waiting.
  public func finish() { stopRequested = true }

  private func busFailed(_ error: any Error) { figures.lastError = "\(reading.stream): \(error)" }

  public func health() async -> ComponentHealth {
    let decided = max(1, figures.ordersDecided)
    var details: [String: JSONValue] = [
      "signals_read": .number(Double(figures.signalsRead)),
      "orders_decided": .number(Double(figures.ordersDecided)),
      "duplicates": .number(Double(figures.duplicates)),
      "republished": .number(Double(figures.republished)),
      "malformed_messages": .number(Double(figures.malformedMessages)),
      "no_order": .object(figures.noOrder.mapValues { .number(Double($0)) }),
      "decision_latency_mean_us": .number(figures.totalLatencySeconds / Double(decided) * 1e6),
      "decision_latency_max_us": .number(figures.maxLatencySeconds * 1e6),
      "forecast_wait_mean_us": .number(figures.totalForecastSeconds / Double(max(1, figures.signalsRead)) * 1e6),
      "forecast_wait_max_us": .number(figures.maxForecastSeconds * 1e6),
    ]
    details.merge(await reading.backlog(on: bus)) { own, _ in own }
    if let lastError = figures.lastError { details["last_error"] = .string(lastError) }
    return ComponentHealth(
      name: "Strategy engine", status: figures.lastError == nil ? .ok : .degraded, running: !stopRequested,
      version: AITraderVersion.current, details: details)
  }

  /// A decision to store and publish, and the message it came from.
  private struct Decided {
    var message: StreamEntryID
    var decision: OrderDecision
    var latencySeconds: Double
  }

  /// Decides on every signal of one read, then stores the new orders in one write and publishes
  /// them; answers the messages that are done.
  private func handle(batch messages: [BusMessage]) async -> [StreamEntryID] {
    var done: [StreamEntryID] = []
    var decided: [Decided] = []
    for message in messages {
      if let item = await decide(message) {
        decided.append(item)
      } else {
        done.append(message.id)
      }
    }
    return done + (await record(decided))
  }

  /// The decision on one message's signal, or nil when there is nothing to store (unreadable,
  /// no order, or a repeat the pipeline had no decision for).
  private func decide(_ message: BusMessage) async -> Decided? {
    let received = ContinuousClock.now
    let signal: Signal
    do {
      signal = try Signal(busMessage: message)
    } catch {
      figures.malformedMessages += 1
      figures.lastError = "signals:global \(message.id): \(error)"
      return nil
    }
    figures.signalsRead += 1
    // The signal's volatility needs no entry in the context: the pipeline reads it from the meta.
    var context = portfolio.strategyContext(at: signal.timestamp)
    if !forecasters.isEmpty {
      let asked = ContinuousClock.now
      var views: [String: Double] = Dictionary(minimumCapacity: forecasters.count)
      for forecaster in forecasters {
        if let score = await forecaster.forecast(for: signal) { views[forecaster.factor] = score }
      }
      if !views.isEmpty { context.forecasts = [signal.symbol: views] }
      let waited = asked.duration(to: .now).inSeconds
      figures.totalForecastSeconds += waited
      figures.maxForecastSeconds = max(figures.maxForecastSeconds, waited)
    }
    let outcome = pipeline.decide(signal: signal, context: context)
    let latency = received.duration(to: .now).inSeconds
    switch outcome {
    case .order(let decision):
      return Decided(message: message.id, decision: decision, latencySeconds: latency)
    case .duplicate(let previous):
      figures.duplicates += 1
      // The first delivery may have decided without storing or publishing; the store settles it.
      return previous.map { Decided(message: message.id, decision: $0, latencySeconds: latency) }
    case .noOrder(let reason):
      figures.noOrder[reason.label, default: 0] += 1
      return nil
    }
  }

  /// Stores the decisions in one write and publishes those that are new in one pipelined batch;
  /// answers the messages done.
  ///
  /// A decision whose order was stored before — by this engine or another, before a crash or a
  /// redelivery — is published again while that order is still `new`: the run that stored it may
  /// have stopped before publishing. Execution places an order only while it is `new`, so a
  /// second copy on the bus never trades twice. A message whose write or publication fails stays
  /// pending and comes back.
  private func record(_ decided: [Decided]) async -> [StreamEntryID] {
    guard !decided.isEmpty else { return [] }
    let stored: Set<OrderID>
    do {
      stored = try await store.insertOrdersIfAbsent(decided.map(\.decision))
    } catch {
      figures.lastError = "storing \(decided.count) orders: \(error)"
      return []
    }
    // Which decisions go on the bus: each newly stored one, and each stored before but still
    // `new`; every decision once, however many messages carried its signal.
    var done: [StreamEntryID] = []
    var outgoing: [Decided] = []
    var waiting: [StreamEntryID] = []
    var chosen: Set<OrderID> = []
    for item in decided {
      let id = item.decision.id
      if chosen.contains(id) {
        waiting.append(item.message)
        continue
      }
      do {
        if !stored.contains(id) {
          guard try await store.orderStatus(id) == .new else {
            done.append(item.message)
            continue
          }
          figures.republished += 1
        }
        chosen.insert(id)
        outgoing.append(item)
      } catch {
        figures.lastError = "order \(id): \(error)"
      }
    }
    guard !outgoing.isEmpty else { return done }
    do {
      let entries = try outgoing.map { try BusEnvelope(type: "order_decision", encoding: $0.decision).busFields }
      _ = try await bus.publish(to: .orderDecisions, entries: entries, trim: .standard(for: .orderDecisions))
    } catch {
      // None is acknowledged: all come back, and the store guard settles them.
      figures.lastError = "publishing \(outgoing.count) decisions: \(error)"
      return done
    }
    for item in outgoing { counted(item.decision, latencySeconds: item.latencySeconds) }
    return done + outgoing.map(\.message) + waiting
  }

  /// Counts a published decision and tells WebSocket clients.
  private func counted(_ decision: OrderDecision, latencySeconds: Double) {
    figures.ordersDecided += 1
    figures.totalLatencySeconds += latencySeconds
    figures.maxLatencySeconds = max(figures.maxLatencySeconds, latencySeconds)
    metrics.orderDecided(side: decision.side, latencySeconds: latencySeconds)
    let sinceTick = WallClock.now().nanosecondsSinceEpoch - decision.timestamp.nanosecondsSinceEpoch
    metrics.tickToDecision(seconds: Double(sinceTick) * 1e-9)
    hub.publish(.order(Order(decision: decision), decision: decision))
  }
}

extension Order {
  /// The market order that carries out `decision`, with the decision's id.
  init(decision: OrderDecision) {
    self.init(
      id: decision.id, signalID: decision.signalID, symbol: decision.symbol, side: decision.side, kind: .market,
      quantity: .units(decision.quantity), createdAt: decision.timestamp)
  }
}

extension NoOrderReason {
  /// A short, stable name for health details and metrics labels.
  var label: String {
    switch self {
    case .noInsight: "no_insight"
    case .belowThreshold: "below_threshold"
    case .noPrice: "no_price"
    case .noVolatility: "no_volatility"
    case .noAccountValue: "no_account_value"
    case .belowOneLot: "below_one_lot"
    case .alreadyAtTarget: "already_at_target"
    case .riskCancelled(let rule): "risk_cancelled.\(rule)"
    }
  }
}

extension Duration {
  /// The duration in seconds, as a `Double`.
  var inSeconds: Double {
    let (seconds, attoseconds) = components
    return Double(seconds) + Double(attoseconds) * 1e-18
  }
}
