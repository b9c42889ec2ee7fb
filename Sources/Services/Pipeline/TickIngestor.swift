import Broker
import Messaging
import TradingCore

/// Where ticks enter the live system: validates each tick, hands it to every `QuoteReceiving`
/// (the paper broker and the portfolio in one process; the `ticks` stream when the components
/// run apart), runs the pattern engine, and sends every signal on — stored, published on
/// `signals:global`, shown as a `signal` event, counted.
///
/// A tick the `TickValidator` rejects is counted by reason and skipped; the pipeline goes on
/// (DESIGN.md §7). Signals are settled by one writer beside the ticks, in order and in batches of
/// whatever has gathered: each batch is stored (one statement), then published (one pipelined
/// write), then shown and counted. Both steps are retried with back-off until they succeed, so an
/// outage of the store or the bus delays signals and loses none; ticks go on meanwhile until
/// `unsettledLimit` signals wait, then wait for room. When the ticks end, `run` returns once every
/// signal is settled (after a stop, it gives the writer 10 s). Reports this as the
/// `pattern_engine` component.
public actor TickIngestor: HealthReporting {
  public nonisolated let componentKey = "pattern_engine"
  private var validator: TickValidator
  private var engine: PatternEngine
  /// Each accepted tick goes to these, in order, before the pattern engine sees it.
  private let quoteReceivers: [any QuoteReceiving]
  private let bus: any EventBus
  private let store: any PipelineStore
  private let hub: EventHub
  private let metrics: any PipelineMetrics
  /// Direction-model features per symbol, attached to each signal's meta; nil when no model reads them.
  private var featureBars: DirectionFeatureBars?
  /// Told of each symbol's new feature row as its bar closes, so that a model answers before
  /// the bar's signals ask (forecasters in this process).
  private let preparing: [any Forecaster]
  /// Told of each signal once it is stored, for the API's listing; nil when none is kept.
  private let recentSignals: RecentSignals?
  private var startedAt: ContinuousClock.Instant?
  /// Signals found and not yet handed to the writer, oldest first.
  private var unsettled: [Signal] = []
  /// The writer, while it runs.
  private var settling: Task<Void, Never>?
  /// Ingestion waiting for the writer to take signals.
  private var roomWaiters: [CheckedContinuation<Void, Never>] = []
  /// The most signals that may wait for the writer before ticks wait too.
  public let unsettledLimit: Int
  private var running = false
  private var retries = 0
  private var lastError: String?

  public init(
    quoteReceivers: [any QuoteReceiving], bus: any EventBus, store: any PipelineStore, hub: EventHub,
    metrics: any PipelineMetrics = NoPipelineMetrics(), patternEngine: PatternEngine,
    validator: TickValidator = TickValidator(), featureBarSeconds: Int? = nil, preparing: [any Forecaster] = [],
    recentSignals: RecentSignals? = nil, unsettledLimit: Int = 10_000
  ) {
    self.preparing = preparing
    precondition(unsettledLimit > 0, "at least one signal must be able to wait")
    self.unsettledLimit = unsettledLimit
    self.recentSignals = recentSignals
    featureBars = featureBarSeconds.map(DirectionFeatureBars.init(intervalSeconds:))
    self.quoteReceivers = quoteReceivers
    self.bus = bus
    self.store = store
    self.hub = hub
    self.metrics = metrics
    engine = patternEngine
    self.validator = validator
  }

  /// Ingests `ticks` until they end or the task is cancelled (a cancellation is a normal stop),
  /// then waits until every signal found is settled.
  public func run<Ticks: AsyncSequence & Sendable>(_ ticks: Ticks) async throws where Ticks.Element == Tick {
    running = true
    startedAt = startedAt ?? .now
    defer { running = false }
    var failure: (any Error)?
    do {
      for try await tick in ticks {
        guard !Task.isCancelled else { break }
        try await ingest(tick)
      }
    } catch is CancellationError {
      // A stop: settle what was found.
    } catch {
      failure = error
    }
    await settleRemaining(stopping: Task.isCancelled)
    if let failure { throw failure }
  }

  /// Ingests one tick; a signal it yields is queued for the writer.
  public func ingest(_ tick: Tick) async throws {
    do throws(TickValidationError) {
      try validator.validate(tick)
    } catch {
      metrics.tickRejected(reason: error.reason)
      return
    }
    metrics.tickProcessed()
    for receiver in quoteReceivers { await receiver.receive(tick) }
    if let row = featureBars?.update(tick) {
      for forecaster in preparing { forecaster.prepare(features: row, of: tick.symbol) }
    }
    guard var signal = engine.process(tick) else { return }
    if let row = featureBars?.features(of: signal.symbol) {
      for (key, value) in zip(DirectionFeatures.metaKeys, row) { signal.meta[key] = value }
    }
    unsettled.append(signal)
    if settling == nil { settling = Task { await self.settle() } }
    while unsettled.count >= unsettledLimit { await withCheckedContinuation { roomWaiters.append($0) } }
  }

  /// Waits for the writer to settle every queued signal. A stopping run gives it 10 s, then
  /// cancels it: a signal stored but not yet published when SIGTERM arrives still reaches the bus.
  private func settleRemaining(stopping: Bool) async {
    guard let writer = settling else { return }
    guard stopping else { return await writer.value }
    let grace = Task {
      try? await Task.sleep(for: .seconds(10))
      writer.cancel()
    }
    await writer.value
    grace.cancel()
  }

  /// The writer: stores, publishes, shows and counts what has gathered, batch after batch, until
  /// nothing waits (or its task is cancelled).
  private func settle() async {
    defer {
      settling = nil
      // Only a cancelled writer leaves early; nothing should wait on it then.
      for waiter in roomWaiters { waiter.resume() }
      roomWaiters = []
    }
    while !unsettled.isEmpty {
      let batch = unsettled
      unsettled = []
      let waiters = roomWaiters
      roomWaiters = []
      for waiter in waiters { waiter.resume() }
      do {
        try await retrying("storing \(batch.count) signals from \(batch[0].id)") {
          try await self.store.insertSignals(batch)
        }
        try await retrying("publishing \(batch.count) signals from \(batch[0].id)") {
          _ = try await self.bus.publish(
            to: .signals, entries: batch.map(\.busFields), carrying: batch, trim: .standard(for: .signals))
        }
      } catch {
        return  // cancelled: the process is going away
      }
      for signal in batch {
        recentSignals?.record(signal)
        hub.publish(.signal(signal))
        metrics.signalEmitted()
      }
    }
  }

  /// Runs `operation` until it succeeds, retrying with back-off (50 ms doubling to 2 s) while the
  /// store or the bus cannot be reached; only cancellation ends the attempts. Ticks wait meanwhile.
  private func retrying(_ what: String, _ operation: () async throws -> Void) async throws {
    var backoff = Duration.milliseconds(50)
    while true {
      do {
        return try await operation()
      } catch {
        retries += 1
        lastError = "\(what): \(error)"
        try await Task.sleep(for: backoff)
        backoff = min(backoff * 2, .seconds(2))
      }
    }
  }

  /// Ticks accepted, ticks rejected by reason, and signals emitted so far.
  public var counts: (accepted: Int, rejected: [String: Int], signals: Int) {
    (validator.acceptedCount, validator.rejections, engine.signalsEmitted)
  }

  public func health() async -> ComponentHealth {
    let seconds = startedAt.map { $0.duration(to: .now).inSeconds } ?? 0
    var details: [String: JSONValue] = [
      "ticks_processed": .number(Double(validator.acceptedCount)),
      "ticks_rejected": .number(Double(validator.rejectedCount)),
      "rejections": .object(validator.rejections.mapValues { .number(Double($0)) }),
      "signals": .number(Double(engine.signalsEmitted)),
      "symbols": .number(Double(engine.states.count)),
      "ticks_per_second": .number(seconds > 0 ? Double(validator.acceptedCount) / seconds : 0),
      "retries": .number(Double(retries)),
      "signals_unsettled": .number(Double(unsettled.count)),
    ]
    if let lastError { details["last_error"] = .string(lastError) }
    return ComponentHealth(
      name: "Pattern engine", status: .ok, running: running, version: AITraderVersion.current, details: details)
  }
}
