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
      + "Settings come from AITRADER_* environment variables and AITRADER_CONFIG_FILE, as for `run`."
  )

  /// The components that can run alone.
  typealias Component = StandaloneComponent.Kind

  @Argument(help: "The component: \(Component.allCases.map(\.rawValue).joined(separator: ", ")).")
  var component: Component

  @Option(help: "Port to listen on.")
  var port: Int?

  @Option(help: "Address to listen on.")
  var host: String?

  @Option(help: "Folder of *.onnx models (onnx-runner).")
  var modelDir: String?

  func run() async throws {
    var settings = try await AITraderConfiguration.load(environment: ProcessInfo.processInfo.environment)
    if let host { settings.host = host }
    if let modelDir { settings.modelDirectory = modelDir }
    if let port {
      guard (0...65_535).contains(port) else { throw ValidationError("--port must be in 0…65535, got \(port)") }
    }
    switch component {
    case .onnxRunner: if let port { settings.onnxPort = port }
    case .finbert: if let port { settings.finbertPort = port }
    case .sentimentEngine: if let port { settings.sentimentPort = port }
    }
    try await StandaloneComponent(component, configuration: settings).run()
  }
}

extension StandaloneComponent.Kind: ExpressibleByArgument {}
