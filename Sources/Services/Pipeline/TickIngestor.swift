import Broker
import Messaging
import TradingCore

/// Where ticks enter the live system: validates each tick, quotes it to the paper broker and
/// the portfolio, runs the pattern engine, and sends every signal on — stored, published on
/// `signals:global`, shown as a `signal` event, counted.
///
/// A tick the `TickValidator` rejects is counted by reason and skipped; the pipeline goes on
/// (DESIGN.md §7). Reports this as the `pattern_engine` component.
public actor TickIngestor: HealthReporting {
  public nonisolated let componentKey = "pattern_engine"
  private var validator: TickValidator
  private var engine: PatternEngine
  private let broker: PaperBroker
  private let portfolio: PortfolioService
  private let bus: any EventBus
  private let store: any PipelineStore
  private let hub: EventHub
  private let metrics: any PipelineMetrics
  /// Direction-model features per symbol, attached to each signal's meta; nil when no model reads them.
  private var featureBars: DirectionFeatureBars?
  private var startedAt: ContinuousClock.Instant?
  private var running = false

  public init(
    broker: PaperBroker, portfolio: PortfolioService, bus: any EventBus, store: any PipelineStore, hub: EventHub,
    metrics: any PipelineMetrics = NoPipelineMetrics(), patternEngine: PatternEngine,
    validator: TickValidator = TickValidator(), featureBarSeconds: Int? = nil
  ) {
    featureBars = featureBarSeconds.map(DirectionFeatureBars.init(intervalSeconds:))
    self.broker = broker
    self.portfolio = portfolio
    self.bus = bus
    self.store = store
    self.hub = hub
    self.metrics = metrics
    engine = patternEngine
    self.validator = validator
  }

  /// Ingests `ticks` until they end or the task is cancelled; a cancellation is a normal stop.
  public func run<Ticks: AsyncSequence & Sendable>(_ ticks: Ticks) async throws where Ticks.Element == Tick {
    running = true
    startedAt = startedAt ?? .now
    defer { running = false }
    do {
      for try await tick in ticks {
        guard !Task.isCancelled else { return }
        try await ingest(tick)
      }
    } catch is CancellationError {
      return
    }
  }

  /// Ingests one tick.
  public func ingest(_ tick: Tick) async throws {
    do throws(TickValidationError) {
      try validator.validate(tick)
    } catch {
      metrics.tickRejected(reason: error.reason)
      return
    }
    metrics.tickProcessed()
    // The pipeline places market orders only, which fill when placed: no order rests to be
    // filled by a quote, so the reports of `updateQuote` are always empty here.
    _ = await broker.updateQuote(tick)
    await portfolio.mark(tick)
    featureBars?.update(tick)
    guard var signal = engine.process(tick) else { return }
    if let row = featureBars?.features(of: signal.symbol) {
      for (key, value) in zip(DirectionFeatures.metaKeys, row) { signal.meta[key] = value }
    }
    try await store.insertSignal(signal)
    _ = try await bus.publish(to: .signals, fields: signal.busFields)
    hub.publish(.signal(signal))
    metrics.signalEmitted()
  }

  /// Ticks accepted, ticks rejected by reason, and signals emitted so far.
  public var counts: (accepted: Int, rejected: [String: Int], signals: Int) {
    (validator.acceptedCount, validator.rejections, engine.signalsEmitted)
  }

  public func health() async -> ComponentHealth {
    let seconds = startedAt.map { $0.duration(to: .now).inSeconds } ?? 0
    let details: [String: JSONValue] = [
      "ticks_processed": .number(Double(validator.acceptedCount)),
      "ticks_rejected": .number(Double(validator.rejectedCount)),
      "rejections": .object(validator.rejections.mapValues { .number(Double($0)) }),
      "signals": .number(Double(engine.signalsEmitted)),
      "symbols": .number(Double(engine.states.count)),
      "ticks_per_second": .number(seconds > 0 ? Double(validator.acceptedCount) / seconds : 0),
    ]
    return ComponentHealth(
      name: "Pattern engine", status: .ok, running: running, version: AITraderVersion.current, details: details)
  }
}
