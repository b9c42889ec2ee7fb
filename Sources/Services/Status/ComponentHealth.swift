/// The health of one component, as `/api/status` lists it.
public struct ComponentHealth: Sendable, Hashable, Codable {
  /// ok, degraded, error, or not_configured (the component is not part of this deployment).
  public enum Status: String, Sendable, Hashable, Codable {
    case ok, degraded, error
    case notConfigured = "not_configured"
  }

  public var name: String
  public var status: Status
  public var running: Bool
  public var version: String
  /// Live figures: ticks/s, symbols, consumer lag, pending, last error, …
  public var details: [String: JSONValue]

  public init(name: String, status: Status, running: Bool, version: String, details: [String: JSONValue] = [:]) {
    self.name = name
    self.status = status
    self.running = running
    self.version = version
    self.details = details
  }
}

/// Something that can say how it is doing.
public protocol HealthReporting: Sendable {
  /// The key under which `/api/status` lists this component, e.g. `pattern_engine`.
  var componentKey: String { get }
  /// The component's current health; must answer quickly and never throw.
  func health() async -> ComponentHealth
}

/// `/api/status`: every component's health at one moment.
public struct SystemStatus: Sendable, Hashable, Codable {
  /// ISO 8601, UTC.
  public var timestamp: String
  public var components: [String: ComponentHealth]

  public init(timestamp: String, components: [String: ComponentHealth]) {
    self.timestamp = timestamp
    self.components = components
  }

  /// The component keys `/api/status` always lists, configured or not.
  public static let componentKeys = [
    "pattern_engine", "strategy_engine", "execution", "store", "event_bus", "onnx_runner", "sentiment_engine",
    "finbert", "broker",
  ]
}

/// The software version every component reports.
public enum AITraderVersion {
  public static let current = "0.1.0"
}

extension ComponentHealth {
  /// The body of a component server's own `GET /health` (the ONNX runner, FinBERT, the sentiment
  /// engine): `{"status": "ok"|"degraded", "version", "component": {"name", "status", "running",
  /// "details"}}` and `extra` beside them. `RemoteComponentHealth` reads it back.
  public func healthAnswer(extra: [String: JSONValue] = [:]) -> JSONValue {
    var answer = extra
    answer["status"] = .string(status == .ok ? "ok" : "degraded")
    answer["version"] = .string(AITraderVersion.current)
    answer["component"] = .object([
      "name": .string(name), "status": .string(status.rawValue), "running": .bool(running),
      "details": .object(details),
    ])
    return .object(answer)
  }
}
