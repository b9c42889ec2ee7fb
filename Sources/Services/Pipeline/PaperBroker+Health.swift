import Broker

extension PaperBroker: HealthReporting {
  public nonisolated var componentKey: String { "broker" }

  /// The paper broker is always reachable; its details are the account's figures.
  public func health() async -> ComponentHealth {
    let account = account()
    return ComponentHealth(
      name: "Paper broker", status: .ok, running: true, version: AITraderVersion.current,
      details: [
        "cash": .string(account.cash.description), "equity": .string(account.equity.description),
        "positions": .number(Double(account.positions.count)), "symbols_quoted": .number(Double(account.marks.count)),
      ])
  }
}
