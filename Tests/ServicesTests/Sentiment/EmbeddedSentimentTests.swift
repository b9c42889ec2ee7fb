import Foundation
import Services
import Testing

/// `aitrader run` as a user meets it: the generated news feed follows the synthetic market, the
/// sentiment engine shows a sentiment for every symbol in `/api/status`, and the strategy's
/// decisions say that sentiment contributed.
@Suite(.serialized) struct EmbeddedSentimentTests {
  @Test func everySymbolGetsASentimentAndDecisionsCarryIt() async throws {
    let dataDirectory = try RunningAITrader.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dataDirectory) }
    let symbols = ["AAPL", "MSFT", "GOOG"]
    let running = try await RunningAITrader.start(
      dataDirectory: dataDirectory,
      arguments: ["--tick-rate", "300", "--seed", "11", "--symbols", symbols.joined(separator: ",")],
      environment: ["AITRADER_NEWS_GENERATOR_SECONDS": "0.5", "AITRADER_NEWS_POLL_SECONDS": "0.5"],
      label: "sentiment")
    defer { running.forceStop() }

    let covered = await running.eventually(timeout: .seconds(120)) {
      let status = try await running.getJSON("/api/status", as: SystemStatus.self)
      guard let engine = status.components["sentiment_engine"], engine.status == .ok,
        case .object(let perSymbol)? = engine.details["symbols"]
      else { return false }
      return symbols.allSatisfy { symbol in
        guard case .object(let sentiment)? = perSymbol[symbol], case .number(let items)? = sentiment["items"] else {
          return false
        }
        return items > 0
      }
    }
    #expect(covered, "not every symbol got news within 120 s\n\(running.diagnostics())")

    let status = try await running.getJSON("/api/status", as: SystemStatus.self)
    let finbert = try #require(status.components["finbert"])
    #expect(finbert.status == .ok)
    #expect(finbert.details["scorer"] == "lexicon:loughran-mcdonald")
    let engine = try #require(status.components["sentiment_engine"])
    guard case .object(let factor)? = engine.details["sentiment_factor"] else {
      Issue.record("no sentiment factor in \(engine.details)")
      return
    }
    #expect(factor["circuit"] == "closed")

    // Every symbol's sentiment over the engine's own API, and the news file it read.
    let feed = dataDirectory.appendingPathComponent("news/generated.jsonl")
    let lines = try String(contentsOf: feed, encoding: .utf8).split(separator: "\n")
    #expect(!lines.isEmpty)

    let decided = await running.eventually(timeout: .seconds(120)) {
      let orders = try await running.getJSON("/api/orders?limit=100", as: PageBody<OrderMeta>.self)
      return orders.items.contains { $0.meta["factor.sentiment"] != nil }
    }
    #expect(decided, "no decision with a sentiment factor within 120 s\n\(running.diagnostics())")
    let status2 = try await running.terminate()
    #expect(status2 == 0)
  }

  /// The part of an order read here.
  struct OrderMeta: Decodable {
    var id: String
    var meta: [String: Double]
  }
}
