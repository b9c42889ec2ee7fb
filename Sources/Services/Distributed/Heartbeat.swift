import Messaging
import TradingCore

/// One beat on `system:heartbeat`: a component's instance says it is alive, how it is, and where
/// its `/health` answers. `/api/status` reads the beats to find every instance and to see the
/// ones that stopped beating.
///
/// Fields, all strings: `component` (a key of `/api/status`, e.g. `strategy_engine`), `instance`
/// (unique per process), `url` (base URL of its `/health`), `status` (`ok`, `degraded`, `error`),
/// `timestamp` (integer nanoseconds since the epoch) and `interval_ms` (how often it beats).
public struct Heartbeat: Sendable, Hashable {
  public var component: String
  public var instance: String
  public var url: String
  public var status: ComponentHealth.Status
  public var timestamp: Timestamp
  public var interval: Duration

  public init(
    component: String, instance: String, url: String, status: ComponentHealth.Status, timestamp: Timestamp,
    interval: Duration
  ) {
    self.component = component
    self.instance = instance
    self.url = url
    self.status = status
    self.timestamp = timestamp
    self.interval = interval
  }

  public var busFields: [String: String] {
    [
      "component": component, "instance": instance, "url": url, "status": status.rawValue,
      "timestamp": String(timestamp.nanosecondsSinceEpoch),
      "interval_ms": String(Int64((interval / .milliseconds(1)).rounded())),
    ]
  }

  public init(busFields fields: [String: String]) throws(BusFieldError) {
    let statusText = try fields.requiredField("status")
    guard let status = ComponentHealth.Status(rawValue: statusText) else {
      throw .invalidField(name: "status", value: statusText, reason: "not a component status")
    }
    let timestampText = try fields.requiredField("timestamp")
    guard let nanoseconds = Int64(timestampText) else {
      throw .invalidField(name: "timestamp", value: timestampText, reason: "not integer nanoseconds since the epoch")
    }
    let intervalText = try fields.requiredField("interval_ms")
    guard let milliseconds = Int64(intervalText), milliseconds > 0 else {
      throw .invalidField(name: "interval_ms", value: intervalText, reason: "not a positive integer")
    }
    self.init(
      component: try fields.requiredField("component"), instance: try fields.requiredField("instance"),
      url: try fields.requiredField("url"), status: status,
      timestamp: Timestamp(nanosecondsSinceEpoch: nanoseconds), interval: .milliseconds(milliseconds))
  }
}
