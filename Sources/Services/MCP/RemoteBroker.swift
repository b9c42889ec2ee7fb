import Broker

extension AITraderConfiguration {
  /// The broker at `brokerURL`, spoken to over MCP (Streamable HTTP) with the configured time
  /// limit and a circuit breaker; nil when execution uses the in-process paper broker.
  public func remoteBroker() -> MCPBrokerClient? {
    guard let url = brokerURL else { return nil }
    let timeout = Duration.milliseconds(brokerTimeoutMilliseconds)
    let breaker = CircuitBreaker(
      configuration: .init(failureThreshold: breakerFailures, cooldown: .seconds(breakerCooldownSeconds)))
    return MCPBrokerClient(callTimeout: timeout) {
      StreamableHTTPClientTransport(endpoint: url, requestTimeout: timeout, breaker: breaker)
    }
  }
}
