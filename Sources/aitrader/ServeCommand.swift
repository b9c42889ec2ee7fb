import ArgumentParser
import Foundation
import Services

/// `aitrader serve <component>`: one component of the system as its own process.
struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Run one component as its own process.",
    discussion:
      "onnx-runner: the ONNX model runner (/health, /models, POST /predict, POST /models/reload, /metrics) on "
      + "--port (default AITRADER_ONNX_PORT, 8001), serving every *.onnx in AITRADER_MODEL_DIRECTORY (./models).\n"
      + "finbert: sentiment scoring (/health, POST /analyze, /metrics) on --port (default AITRADER_FINBERT_PORT, "
      + "8004) with the ONNX model AITRADER_FINBERT_MODEL, else the Loughran–McDonald lexicon.\n"
      + "sentiment-engine: news → sentiment per symbol (/health, /sentiment/{symbol}, /sentiment?symbols=, /metrics) "
      + "on --port (default AITRADER_SENTIMENT_PORT, 8002), scoring with FinBERT at AITRADER_FINBERT_URL or "
      + "in-process.\n"
      + "api, pattern-engine, strategy-engine, execution: the trading pipeline, one process per component, meeting "
      + "on Redis Streams (REDIS_URL) and sharing one PostgreSQL (DATABASE_URL; run `aitrader initdb` first). "
      + "Each serves /health and /metrics on --port (api: AITRADER_PORT 8000; AITRADER_PATTERN_ENGINE_PORT 8010, "
      + "AITRADER_STRATEGY_ENGINE_PORT 8011, AITRADER_EXECUTION_PORT 8012) and beats on system:heartbeat. "
      + "Run as many strategy engines as wanted (distinct --name), one execution.\n"
      + "mock-mcp: a simulated broker over MCP (/mcp with sessions, /mcp/stateless, /health, /metrics) on --port "
      + "(default AITRADER_MOCK_BROKER_PORT, 9000): tools get_holdings, get_positions, get_margins, get_quote, "
      + "place_order, cancel_order, get_orders, get_order_history; its own synthetic market of AITRADER_SYMBOLS; "
      + "state kept in <data dir>/mock-broker/journal.jsonl. Point `run` at it with BROKER_URL.\n"
      + "Settings come from AITRADER_* environment variables and AITRADER_CONFIG_FILE, as for `run`."
  )

  /// Every component `serve` can run.
  enum Component: String, CaseIterable, ExpressibleByArgument {
    case api
    case patternEngine = "pattern-engine"
    case strategyEngine = "strategy-engine"
    case execution
    case onnxRunner = "onnx-runner"
    case finbert
    case sentimentEngine = "sentiment-engine"
    case mockMCP = "mock-mcp"
  }

  @Argument(help: "The component: \(Component.allCases.map(\.rawValue).joined(separator: ", ")).")
  var component: Component

  @Option(help: "This instance's name: its consumer name on the bus (default <component>-<host>-<pid>).")
  var name: String?

  @Option(help: "Port to listen on.")
  var port: Int?

  @Option(help: "Address to listen on.")
  var host: String?

  @Option(help: "Folder of *.onnx models (onnx-runner).")
  var modelDir: String?

  @Option(help: "Data folder (mock-mcp keeps its journal there; default AITRADER_DATA_DIRECTORY, ./data).")
  var dataDir: String?

  func run() async throws {
    var settings = try await AITraderConfiguration.load(environment: ProcessInfo.processInfo.environment)
    if let host { settings.host = host }
    if let modelDir { settings.modelDirectory = modelDir }
    if let dataDir { settings.dataDirectory = dataDir }
    if let port {
      guard (0...65_535).contains(port) else { throw ValidationError("--port must be in 0…65535, got \(port)") }
    }
    if let name {
      guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.:".contains($0) }) else {
        throw ValidationError("--name may hold letters, digits, - _ . : only, got '\(name)'")
      }
      settings.instanceName = name
    }
    switch component {
    case .api: if let port { settings.port = port }
    case .patternEngine: if let port { settings.patternEnginePort = port }
    case .strategyEngine: if let port { settings.strategyEnginePort = port }
    case .execution: if let port { settings.executionPort = port }
    case .onnxRunner: if let port { settings.onnxPort = port }
    case .finbert: if let port { settings.finbertPort = port }
    case .sentimentEngine: if let port { settings.sentimentPort = port }
    case .mockMCP: if let port { settings.mockBrokerPort = port }
    }
    if let kind = DistributedComponent.Kind(rawValue: component.rawValue) {
      try await DistributedComponent(kind, configuration: settings).run()
    } else if let kind = StandaloneComponent.Kind(rawValue: component.rawValue) {
      try await StandaloneComponent(kind, configuration: settings).run()
    }
  }
}
