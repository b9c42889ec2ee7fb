import ArgumentParser
import Foundation
import Services

/// `aitrader run`: the whole system in one process — synthetic or replayed ticks, pattern
/// engine, strategy engine, paper broker, SQLite store, and the API with WebSocket and metrics.
struct RunCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run the whole pipeline embedded, with the API on --port (default 8000).",
    discussion:
      "Settings come from AITRADER_* environment variables and the JSON file named by AITRADER_CONFIG_FILE "
      + "(see the README); these flags override them. SIGINT or SIGTERM stops the sources, drains the bus, "
      + "flushes the store and closes WebSocket clients with 1001."
  )

  @Option(help: "Port of the API.")
  var port: Int?

  @Option(help: "Address to listen on.")
  var host: String?

  @Option(help: "Folder for the SQLite store.")
  var dataDir: String?

  @Option(help: "Comma-separated symbols of the synthetic market.")
  var symbols: String?

  @Option(help: "Synthetic ticks per second, all symbols together.")
  var tickRate: Double?

  @Option(help: "Seed of the synthetic market.")
  var seed: UInt64?

  @Option(help: "Replay this CSV (ticks or bars) instead of the synthetic market.")
  var replay: String?

  @Option(help: "Replay speed: 0 as fast as possible, 1 real time.")
  var replaySpeed: Double?

  func run() async throws {
    var settings = try await AITraderConfiguration.load(environment: ProcessInfo.processInfo.environment)
    if let port {
      guard (1...65_535).contains(port) else { throw ValidationError("--port must be in 1…65535, got \(port)") }
      settings.port = port
    }
    if let host { settings.host = host }
    if let dataDir { settings.dataDirectory = dataDir }
    if let symbols { settings.symbols = try AITraderConfiguration.parseSymbols(symbols) }
    if let tickRate {
      guard tickRate > 0, tickRate.isFinite else { throw ValidationError("--tick-rate must be positive") }
      settings.tickRate = tickRate
    }
    if let seed { settings.seed = seed }
    if let replay { settings.replayPath = replay }
    if let replaySpeed {
      guard replaySpeed >= 0, replaySpeed.isFinite else { throw ValidationError("--replay-speed must be ≥ 0") }
      settings.replaySpeed = replaySpeed
    }
    try await EmbeddedSystem(configuration: settings).run()
  }
}
