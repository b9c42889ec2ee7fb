import Broker
import Foundation
import Services
import Testing
import TradingCore

/// The official Python MCP client (`mcp` from PyPI, in the virtual environment that
/// `scripts/mcp_venv.sh` makes) lists and calls every tool of the mock broker over Streamable
/// HTTP with sessions, bad arguments included, through `scripts/mcp_interop.py`.
@Suite struct PythonMCPInteropTests {
  /// What `mcp_interop.py` prints.
  struct Report: Decodable {
    struct Tool: Decodable {
      var name: String
      var inputSchema: JSONValue
      enum CodingKeys: String, CodingKey {
        case name
        case inputSchema = "input_schema"
      }
    }
    struct Call: Decodable {
      var tool: String
      var arguments: JSONValue
      var isError: Bool
      var structured: JSONValue?
      var text: String
      enum CodingKeys: String, CodingKey {
        case tool, arguments, structured, text
        case isError = "is_error"
      }
    }
    struct ProtocolError: Decodable {
      var tool: String
      var code: Int
      var message: String
    }
    struct Server: Decodable {
      var name: String
      var version: String
    }
    var server: Server
    var tools: [Tool]
    var calls: [Call]
    var protocolErrors: [ProtocolError]
    enum CodingKeys: String, CodingKey {
      case server, tools, calls
      case protocolErrors = "protocol_errors"
    }
  }

  static var repository: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
  }

  /// Runs the interop script against `url`; its stdout, parsed.
  static func runScript(url: String, prefix: String) throws -> Report {
    let python =
      ProcessInfo.processInfo.environment["AITRADER_MCP_VENV"].map { "\($0)/bin/python" }
      ?? repository.appendingPathComponent(".venv-mcp/bin/python").path
    guard FileManager.default.isExecutableFile(atPath: python) else {
      throw RunningAITrader.Failure(
        description: "\(python) is missing: run `bash scripts/mcp_venv.sh` (make test does)")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [repository.appendingPathComponent("scripts/mcp_interop.py").path, url, prefix]
    let output = Pipe()
    let errors = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-interop-\(UUID().uuidString).log")
    _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
    process.standardOutput = output
    process.standardError = try FileHandle(forWritingTo: errors)
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      let log = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
      throw RunningAITrader.Failure(
        description: "mcp_interop.py exited \(process.terminationStatus):\n\(log.suffix(4_000))")
    }
    return try JSONDecoder().decode(Report.self, from: data)
  }

  @Test func theOfficialPythonClientListsAndCallsEveryTool() async throws {
    let broker = try await MockBrokerOverHTTPTests.broker()
    for symbol in ["MSFT"] {
      try await broker.desk.updateQuote(
        Tick(symbol: symbol, timestamp: Timestamp(secondsSinceEpoch: 1_780_000_000), bid: 50, ask: 51, volume: 1))
    }
    try await MockBrokerOverHTTPTests.serve(broker) { base in
      let report = try await Task.detached { try Self.runScript(url: base + "/mcp", prefix: "py") }.value
      #expect(report.server.name == "aitrader-mock-broker")
      #expect(Set(report.tools.map(\.name)) == Set(MockBrokerTools.Name.allCases.map(\.rawValue)))
      for tool in report.tools { #expect(tool.inputSchema["type"] == "object", "\(tool.name)") }
      // Every tool was called.
      #expect(Set(report.calls.map(\.tool)).isSuperset(of: MockBrokerTools.Name.allCases.map(\.rawValue)))

      func calls(_ tool: String) -> [Report.Call] { report.calls.filter { $0.tool == tool } }
      let placed = calls("place_order")
      let market = try #require(placed.first)
      #expect(!market.isError, "\(market.text)")
      #expect(market.structured?["order"]?["status"] == "filled")
      #expect(market.structured?["duplicate"] == false)
      let again = try #require(placed.dropFirst().first)
      #expect(again.structured?["duplicate"] == true)
      #expect(again.structured?["order"]?["order_id"] == market.structured?["order"]?["order_id"])
      #expect(placed.dropFirst(2).first?.structured?["order"]?["status"] == "accepted")

      let refusals = report.calls.filter(\.isError).map(\.text)
      for reason in [
        "'quantity' is required", "'quantity' must be positive", "at most 8 fractional digits",
        "unknown symbol 'NOPE'", "'side' must be one of buy, sell", "'symbol' must be a string, got a number",
        "no order has id 'does-not-exist'", "'limit' must be a whole number",
      ] {
        #expect(refusals.contains { $0.contains(reason) }, "no tool error saying \(reason): \(refusals)")
      }
      #expect(report.protocolErrors.map(\.code) == [-32602])
      #expect(report.protocolErrors.first?.message.contains("unknown tool 'no_such_tool'") == true)

      // Two orders came of it: the market one (sent twice) and the limit one, now cancelled.
      #expect(await broker.desk.orderCount == 2)
      #expect(await broker.desk.orders(filter: .open).isEmpty)
      #expect(try await broker.desk.detail("py-2").order.status == .cancelled)
      #expect(try await broker.desk.detail("py-1").order.history.map(\.status) == [.new, .accepted, .filled])
    }
  }
}
