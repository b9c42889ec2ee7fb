import Foundation
import Hummingbird
import HummingbirdTesting
import Sentiment
import Services
import Testing

/// `/sentiment/{symbol}`, `/sentiment?symbols=` and `/health` of the sentiment engine.
@Suite struct SentimentEngineRoutesTests {
  private func withApp(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
    let source = ScriptedNewsSource(name: "wire")
    source.enqueue(.success(NewsFetch(items: [NewsFixtures.item("Strong gain", symbols: ["MSFT"])])))
    let engine = SentimentEngine(
      configuration: .init(symbols: ["AAPL", "MSFT", "BRK.B"]), sources: [.init(source, every: .seconds(5))],
      scorer: NewsFixtures.lexicon, now: { NewsFixtures.start }, logger: quietLogger("sentiment"))
    await engine.refresh()
    let app = Application(
      router: buildComponentRouter(routes: SentimentEngineRoutes(engine: engine), metrics: AITraderMetrics()),
      logger: quietLogger("sentiment-api"))
    try await app.test(.router) { client in try await body(client) }
  }

  private static func get(_ client: any TestClientProtocol, _ uri: String) async throws -> (Int, JSONValue) {
    try await client.execute(uri: uri, method: .get) { response in
      (Int(response.status.code), try JSONDecoder().decode(JSONValue.self, from: Data(buffer: response.body)))
    }
  }

  @Test func oneSymbolAndSeveral() async throws {
    try await withApp { client in
      let (status, msft) = try await Self.get(client, "/sentiment/msft")
      #expect(status == 200)
      guard case .object(let view) = msft, case .number(let score)? = view["score"] else {
        Issue.record("\(msft)")
        return
      }
      #expect(view["symbol"] == "MSFT" && view["items"] == 1)
      #expect(abs(score - 2.0 / 3) < 1e-12)
      #expect(view["updated_at"] == .string(NewsFixtures.start.iso8601))

      let (_, all) = try await Self.get(client, "/sentiment")
      let (_, some) = try await Self.get(client, "/sentiment?symbols=AAPL,BRK.B")
      guard case .object(let allBody) = all, case .array(let every)? = allBody["sentiments"],
        case .object(let someBody) = some, case .array(let listed)? = someBody["sentiments"]
      else {
        Issue.record("\(all) \(some)")
        return
      }
      #expect(every.count == 3)
      #expect(
        listed == [
          .object(["symbol": "AAPL", "score": 0, "confidence": 0, "items": 0, "updated_at": .null]),
          .object(["symbol": "BRK.B", "score": 0, "confidence": 0, "items": 0, "updated_at": .null]),
        ])
    }
  }

  @Test(arguments: [
    ("/sentiment/TSLA", 404, "does not watch TSLA"),
    ("/sentiment/%F0%9F%9A%80", 400, "a symbol must be"),
    ("/sentiment?symbols=AAPL,,MSFT", 400, "a symbol must be"),
    ("/sentiment?symbols=AAPL,NFLX", 404, "does not watch NFLX"),
    ("/sentiment?symbol=AAPL", 400, "unknown query parameter 'symbol'"),
  ])
  func badRequestsAreRefusedClearly(uri: String, status: Int, detail: String) async throws {
    try await withApp { client in
      let (answered, body) = try await Self.get(client, uri)
      #expect(answered == status, "\(uri)")
      guard case .object(let error) = body, case .string(let text)? = error["detail"] else {
        Issue.record("\(body)")
        return
      }
      #expect(text.contains(detail), "\(text)")
    }
  }

  @Test func healthListsSymbolsAndSources() async throws {
    try await withApp { client in
      let (status, body) = try await Self.get(client, "/health")
      #expect(status == 200)
      guard case .object(let health) = body, case .object(let component)? = health["component"],
        case .object(let details)? = component["details"], case .object(let symbols)? = details["symbols"],
        case .object(let sources)? = details["sources"]
      else {
        Issue.record("\(body)")
        return
      }
      #expect(health["status"] == "ok")
      #expect(Set(symbols.keys) == ["AAPL", "MSFT", "BRK.B"])
      #expect(Set(sources.keys) == ["wire"])
      #expect(details["scorer"] == "lexicon:loughran-mcdonald")
    }
  }
}
