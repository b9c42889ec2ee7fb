import ArgumentParser
import Services

/// The `aitrader` command line.
@main
struct AITrader: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "aitrader",
    abstract: "An event-driven AI trading backend: backtests, and the live pipeline.",
    version: AITraderVersion.current,
    subcommands: [RunCommand.self, ServeCommand.self, InitDBCommand.self, BacktestCommand.self]
  )
}
