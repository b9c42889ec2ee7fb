import ArgumentParser

/// The `aitrader` command line.
@main
struct AITrader: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "aitrader",
    abstract: "An event-driven AI trading backend: backtests, and the live pipeline.",
    version: AITraderVersion.current,
    subcommands: [BacktestCommand.self]
  )
}

/// The version every component reports.
enum AITraderVersion {
  static let current = "0.1.0"
}
