import Synchronization

/// `/api/status`'s entry for a component that runs as processes of its own, perhaps several
/// (strategy engines): the instances come from their heartbeats, and each live one's `/health`
/// is read through a `ResilientHTTPClient` with a circuit breaker per instance.
///
/// `error` when no instance is alive; `degraded` when one has stopped beating or a live one is
/// not `ok`; `ok` otherwise. `details.instances` has each instance's URL, status, seconds since
/// its latest beat and its own details.
public final class InstancesHealth: HealthReporting {
  public let componentKey: String
  /// The component whose heartbeats list the instances: `componentKey` unless another process
  /// hosts this component (the paper broker lives in execution).
  let beatsFrom: String
  let name: String
  let monitor: HeartbeatMonitor
  let policy: ResilientHTTPClient.Policy
  let breakerConfiguration: CircuitBreaker.Configuration
  /// One client, with its breaker, per instance URL.
  private let clients = Mutex<[String: ResilientHTTPClient]>([:])

  public init(
    componentKey: String, name: String, monitor: HeartbeatMonitor, beatsFrom: String? = nil,
    policy: ResilientHTTPClient.Policy = .init(
      timeout: .milliseconds(200), attempts: 2, baseBackoff: .milliseconds(20), maxBackoff: .milliseconds(50)),
    breaker: CircuitBreaker.Configuration = .init(failureThreshold: 3, cooldown: .seconds(5))
  ) {
    self.componentKey = componentKey
    self.beatsFrom = beatsFrom ?? componentKey
    self.name = name
    self.monitor = monitor
    self.policy = policy
    breakerConfiguration = breaker
  }

  public func health() async -> ComponentHealth {
    let instances = await monitor.instances(of: beatsFrom)
    let reports = await withTaskGroup(of: (String, ComponentHealth?).self) { group in
      for instance in instances where instance.alive {
        let reader = RemoteComponentHealth(
          componentKey: componentKey, name: name, baseURL: instance.beat.url, client: client(for: instance.beat.url))
        group.addTask { (instance.beat.instance, await reader.health()) }
      }
      var reports: [String: ComponentHealth] = [:]
      for await (instance, report) in group { reports[instance] = report }
      return reports
    }
    var listed: [String: JSONValue] = [:]
    for instance in instances {
      var entry: [String: JSONValue] = [
        "url": .string(instance.beat.url), "alive": .bool(instance.alive),
        "last_beat_seconds_ago": .number((instance.silentSeconds * 1_000).rounded() / 1_000),
      ]
      if let report = reports[instance.beat.instance] {
        entry["status"] = .string(report.status.rawValue)
        entry["details"] = .object(report.details)
      } else {
        entry["status"] = .string(ComponentHealth.Status.error.rawValue)
        entry["error"] = .string("no heartbeat for \(Int(instance.silentSeconds)) s")
      }
      listed[instance.beat.instance] = .object(entry)
    }
    let alive = instances.filter(\.alive).count
    let status: ComponentHealth.Status =
      if alive == 0 {
        .error
      } else if alive < instances.count || reports.values.contains(where: { $0.status != .ok }) {
        .degraded
      } else {
        .ok
      }
    var details: [String: JSONValue] = [
      "instances": .object(listed), "alive": .number(Double(alive)),
      "dead": .number(Double(instances.count - alive)),
    ]
    if instances.isEmpty { details["error"] = .string("no heartbeat from any instance") }
    return ComponentHealth(
      name: name, status: status, running: alive > 0,
      version: reports.values.first?.version ?? AITraderVersion.current, details: details)
  }

  private func client(for url: String) -> ResilientHTTPClient {
    clients.withLock { clients in
      if let client = clients[url] { return client }
      let client = ResilientHTTPClient(policy: policy, breaker: CircuitBreaker(configuration: breakerConfiguration))
      clients[url] = client
      return client
    }
  }
}
