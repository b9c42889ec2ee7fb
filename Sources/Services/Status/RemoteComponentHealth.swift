import Foundation

/// `/api/status`'s entry for a component in another process, read from its `GET /health`
/// (`{"status", "component": {"name", "status", "running", "details"}}`, as every AITrader
/// service answers). An unreachable or unreadable service is `error` with the reason.
public struct RemoteComponentHealth: HealthReporting {
  public let componentKey: String
  let name: String
  /// The service's address, e.g. `http://127.0.0.1:8002`.
  let baseURL: String
  let client: ResilientHTTPClient

  /// The part of a `/health` answer read here.
  struct Answer: Decodable {
    struct Component: Decodable {
      var status: ComponentHealth.Status
      var running: Bool
      var details: [String: JSONValue]?
    }
    var version: String?
    var component: Component
  }

  public init(
    componentKey: String, name: String, baseURL: String,
    client: ResilientHTTPClient = ResilientHTTPClient(policy: .init(timeout: .milliseconds(500), attempts: 1))
  ) {
    self.componentKey = componentKey
    self.name = name
    self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    self.client = client
  }

  public func health() async -> ComponentHealth {
    do {
      let response = try await client.send(.GET, baseURL + "/health")
      let answer = try JSONDecoder().decode(Answer.self, from: Data(buffer: response.body))
      var details = answer.component.details ?? [:]
      details["url"] = .string(baseURL)
      return ComponentHealth(
        name: name, status: answer.component.status, running: answer.component.running,
        version: answer.version ?? "unknown", details: details)
    } catch {
      return ComponentHealth(
        name: name, status: .error, running: false, version: "unknown",
        details: ["url": .string(baseURL), "error": .string("\(error)")])
    }
  }
}
