import Prometheus
import Synchronization
import TradingCore

/// The named Prometheus instruments of AITrader, in one registry that `/metrics` renders.
///
/// Each instance owns its `PrometheusCollectorRegistry`; nothing is bootstrapped into the
/// global `MetricsSystem`, so tests and benchmarks can make as many as they like. The pipeline
/// calls the `record…` methods; all of them are cheap and safe to call from any task.
public final class AITraderMetrics: Sendable {
  /// Upper bounds of the signal → order latency buckets, in seconds: 1 µs to 100 ms.
  public static let signalToOrderBuckets: [Double] = [
    0.000_001, 0.000_002_5, 0.000_005, 0.000_01, 0.000_025, 0.000_05, 0.000_1, 0.000_25, 0.000_5,
    0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1,
  ]
  /// Upper bounds of the tick → decision latency buckets, in seconds: 100 µs to 10 s.
  public static let tickToDecisionBuckets: [Double] = [
    0.000_1, 0.000_25, 0.000_5, 0.000_75, 0.001, 0.001_5, 0.002, 0.003, 0.005, 0.007_5, 0.01, 0.025, 0.05, 0.1,
    0.25, 0.5, 1, 2.5, 5, 10,
  ]
  /// Upper bounds of the HTTP request duration buckets, in seconds: 100 µs to 10 s.
  public static let httpDurationBuckets: [Double] = [
    0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
  ]

  /// The registry every instrument lives in.
  public let registry: PrometheusCollectorRegistry

  private let ticksProcessed: Counter
  private let signals: Counter
  private let fills: Counter
  private let signalToOrder: ValueHistogram
  private let tickToDecision: ValueHistogram
  private let webSocketClients: Gauge
  private let residentMemory: Gauge
  /// The HTTP instruments made so far, by series: a request looks its pair up instead of
  /// building descriptors and labels for the registry every time.
  private let httpInstruments = Mutex<[HTTPSeries: HTTPInstruments]>([:])

  private struct HTTPSeries: Hashable {
    var method: String
    var path: String
    var status: Int
  }

  private struct HTTPInstruments {
    var requests: Counter
    var duration: ValueHistogram
  }

  public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
    self.registry = registry
    ticksProcessed = registry.makeCounter(descriptor: Self.name("ticks_processed", "total", "Ticks accepted."))
    signals = registry.makeCounter(descriptor: Self.name("signals", "total", "Signals published."))
    fills = registry.makeCounter(descriptor: Self.name("fills", "total", "Fills received from the broker."))
    signalToOrder = registry.makeValueHistogram(
      descriptor: Self.name("signal_to_order", "seconds", "Time from a signal to its order decision."),
      labels: [], buckets: Self.signalToOrderBuckets)
    tickToDecision = registry.makeValueHistogram(
      descriptor: Self.name(
        "tick_to_decision", "seconds", "Time from a tick (its wall-clock timestamp) to the order decided on it."),
      labels: [], buckets: Self.tickToDecisionBuckets)
    webSocketClients = registry.makeGauge(
      descriptor: Self.name("websocket_clients", "", "WebSocket clients connected to /ws."))
    residentMemory = registry.makeGauge(
      descriptor: Self.name("resident_memory", "bytes", "Resident set size of the process, read on scrape."))
  }

  /// One tick passed validation.
  public func recordTick() { ticksProcessed.increment() }

  /// One tick was rejected; `reason` is a short stable name such as `TickValidationError.reason`
  /// (a label value, so it must come from a small fixed set).
  public func recordRejectedTick(reason: String) {
    registry.makeCounter(
      descriptor: Self.name("ticks_rejected", "total", "Ticks rejected at the boundary, by reason."),
      labels: [("reason", reason)]
    ).increment()
  }

  /// One tick was rejected for `error`.
  public func recordRejectedTick(_ error: TickValidationError) { recordRejectedTick(reason: error.reason) }

  /// One signal was published.
  public func recordSignal() { signals.increment() }

  /// One order was decided.
  public func recordOrder(side: Side) {
    registry.makeCounter(
      descriptor: Self.name("orders", "total", "Orders decided, by side."),
      labels: [("side", side.rawValue)]
    ).increment()
  }

  /// One fill arrived.
  public func recordFill() { fills.increment() }

  /// The time from a signal to its order decision.
  public func recordSignalToOrder(seconds: Double) { signalToOrder.record(seconds) }

  /// The time from a tick to the order decision made on it.
  public func recordTickToDecision(seconds: Double) { tickToDecision.record(seconds) }

  /// A WebSocket client connected (`by: 1`) or left (`by: -1`).
  public func changeWebSocketClients(by delta: Int) {
    webSocketClients.increment(by: Double(delta))
  }

  /// One HTTP request was answered. `path` must be the matched route (e.g. `/api/signals/{id}`),
  /// never the raw URL, to keep the number of label values bounded.
  public func recordHTTPRequest(method: String, path: String, status: Int, seconds: Double) {
    let series = HTTPSeries(method: method, path: path, status: status)
    let instruments = httpInstruments.withLock { known in
      if let found = known[series] { return found }
      let made = HTTPInstruments(
        requests: registry.makeCounter(
          descriptor: Self.name("http_requests", "total", "HTTP requests answered, by method, route and status."),
          labels: [("method", method), ("path", path), ("status", String(status))]),
        duration: registry.makeValueHistogram(
          descriptor: Self.name(
            "http_request_duration", "seconds", "Time to answer an HTTP request, by method and route."),
          labels: [("method", method), ("path", path)], buckets: Self.httpDurationBuckets))
      known[series] = made
      return made
    }
    instruments.requests.increment()
    instruments.duration.record(seconds)
  }

  /// Texts were scored for sentiment.
  public func recordTextsScored(_ count: Int) {
    registry.makeCounter(descriptor: Self.name("sentiment_texts_scored", "total", "Texts scored for sentiment."))
      .increment(by: Int64(count))
  }

  /// A sentiment request or news item was refused; `reason` is a `TextProblem` or request check.
  public func recordTextRefused(reason: String) {
    registry.makeCounter(
      descriptor: Self.name("sentiment_texts_refused", "total", "Texts refused before scoring, by reason."),
      labels: [("reason", reason)]
    ).increment()
  }

  /// News items from `source` were read (`outcome` `new`, `duplicate`) or skipped (`outcome` the reason).
  public func recordNewsItems(source: String, outcome: String, count: Int = 1) {
    registry.makeCounter(
      descriptor: Self.name("news_items", "total", "News items by source and outcome."),
      labels: [("source", source), ("outcome", outcome)]
    ).increment(by: Int64(count))
  }

  /// A fetch of news `source` failed as a whole (`kind`: rate_limited, unauthorized, …).
  public func recordNewsSourceError(source: String, kind: String) {
    registry.makeCounter(
      descriptor: Self.name("news_source_errors", "total", "Failed fetches of a news source, by source and kind."),
      labels: [("source", source), ("kind", kind)]
    ).increment()
  }

  /// Every metric in the Prometheus text exposition format (version 0.0.4), after reading the
  /// process's resident memory.
  public func exposition() -> String {
    if let bytes = ResidentMemory.currentBytes() { residentMemory.set(Double(bytes)) }
    return registry.emitToString()
  }

  private static func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
    MetricNameDescriptor(namespace: "aitrader", metricName: metric, unitName: unit, helpText: help)
  }
}
