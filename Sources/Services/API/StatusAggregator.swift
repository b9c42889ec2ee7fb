import Broker

/// Something that can say how the whole system is doing, for `/api/status` and the `status`
/// WebSocket event.
public protocol StatusProviding: Sendable {
  /// Every component's health at one moment; must answer promptly and never throw.
  func systemStatus() async -> SystemStatus
}

/// Asks every component for its health at once and assembles `SystemStatus`.
///
/// A component that does not answer within `timeout` is reported as `error` with
/// `details.error = "timeout"` and its call is cancelled, so one stuck component cannot stall
/// `/api/status`. Every key of `SystemStatus.componentKeys` that no component reports is listed
/// as `not_configured`.
public struct StatusAggregator: StatusProviding {
  /// The components asked, one per key.
  public let components: [any HealthReporting]
  /// How long one component may take to answer.
  public let timeout: Duration

  /// - Precondition: every component's key is one of `SystemStatus.componentKeys`, and no key
  ///   appears twice.
  public init(components: [any HealthReporting], timeout: Duration = .milliseconds(500)) {
    let keys = components.map(\.componentKey)
    for key in keys {
      precondition(SystemStatus.componentKeys.contains(key), "unknown component key '\(key)'")
    }
    precondition(Set(keys).count == keys.count, "each component key may be reported by one component only")
    self.components = components
    self.timeout = timeout
  }

  public func systemStatus() async -> SystemStatus {
    let timeout = timeout
    let reports = await withTaskGroup(of: (String, ComponentHealth).self) { group in
      for component in components {
        group.addTask { (component.componentKey, await Self.health(of: component, within: timeout)) }
      }
      var reports: [String: ComponentHealth] = [:]
      for await (key, health) in group { reports[key] = health }
      return reports
    }
    var listed: [String: ComponentHealth] = [:]
    for key in SystemStatus.componentKeys {
      listed[key] =
        reports[key]
        ?? ComponentHealth(
          name: key, status: .notConfigured, running: false, version: AITraderVersion.current)
    }
    return SystemStatus(timestamp: WallClock.now().iso8601, components: listed)
  }

  /// The component's answer, or a report named by its key if it takes longer than `timeout`.
  static func health(of component: any HealthReporting, within timeout: Duration) async -> ComponentHealth {
    let key = component.componentKey
    let timedOut = ComponentHealth(
      name: key, status: .error, running: false, version: AITraderVersion.current,
      details: ["error": "timeout", "timeout_ms": .number(timeout / .milliseconds(1))])
    return await firstAnswer(within: timeout, otherwise: timedOut) { await component.health() }
  }
}
