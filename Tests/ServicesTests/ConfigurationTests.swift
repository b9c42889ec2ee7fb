import Foundation
import Testing

@testable import Services
@testable import TradingCore

@Suite struct ConfigurationTests {
  @Test func defaultsWithAnEmptyEnvironment() async throws {
    let configuration = try await AITraderConfiguration.load(environment: [:])
    #expect(configuration == AITraderConfiguration())
    #expect(configuration.port == 8000)
    #expect(configuration.symbols == ["AAPL", "MSFT", "GOOG", "AMZN", "TSLA"])
  }

  @Test func environmentVariablesOverrideDefaults() async throws {
    let configuration = try await AITraderConfiguration.load(environment: [
      "AITRADER_PORT": "9100", "AITRADER_SYMBOLS": "eurusd, btc-usd", "AITRADER_TICK_RATE": "250",
      "AITRADER_STARTING_CASH": "2500.50", "AITRADER_COMMISSION_RATE": "0.001", "AITRADER_LOG_LEVEL": "DEBUG",
    ])
    #expect(configuration.port == 9100)
    #expect(configuration.symbols == ["EURUSD", "BTC-USD"])
    #expect(configuration.tickRate == 250)
    #expect(configuration.startingCash == Fixed("2500.5")!)
    #expect(configuration.commissionRate == Fixed("0.001")!)
    #expect(configuration.logLevel == "debug")
  }

  @Test func aJSONFileSetsWhatTheEnvironmentDoesNot() async throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("aitrader-\(UUID()).json")
    try #"{"aitrader": {"port": 8123, "tickRate": 7.5, "seed": 9}}"#.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let configuration = try await AITraderConfiguration.load(environment: [
      "AITRADER_CONFIG_FILE": file.path, "AITRADER_SEED": "11",
    ])
    #expect(configuration.port == 8123)
    #expect(configuration.tickRate == 7.5)
    #expect(configuration.seed == 11)
  }

  @Test(arguments: [
    ("AITRADER_PORT", "80000"), ("AITRADER_PORT", "http"), ("AITRADER_TICK_RATE", "-1"),
    ("AITRADER_SYMBOLS", "AAPL,AAPL"), ("AITRADER_SYMBOLS", "bad symbol!"), ("AITRADER_STARTING_CASH", "0"),
    ("AITRADER_RISK_PER_TRADE", "1.5"), ("AITRADER_LOG_LEVEL", "loud"), ("AITRADER_COMMISSION_RATE", "0.5"),
  ])
  func invalidSettingsAreRefusedByName(variable: String, value: String) async throws {
    await #expect(throws: AITraderConfiguration.InvalidSetting.self) {
      _ = try await AITraderConfiguration.load(environment: [variable: value])
    }
  }
}
