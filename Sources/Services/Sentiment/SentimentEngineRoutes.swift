import Hummingbird
import Sentiment

/// The sentiment engine's HTTP endpoints (DESIGN.md §2, port 8002):
/// - `GET /sentiment/{symbol}` → `{"symbol", "score", "confidence", "items", "updated_at"}`;
/// - `GET /sentiment?symbols=AAPL,MSFT` → `{"sentiments": [ … ]}`, every watched symbol when
///   `symbols` is absent;
/// - `GET /health` → `{"status", "version", "component": {…}}` with every source's record.
///
/// A malformed symbol answers 400, a symbol the engine does not watch 404.
public struct SentimentEngineRoutes: APIRoutes {
  let engine: SentimentEngine
  /// Symbols in one `GET /sentiment` at most.
  static let maximumSymbols = 100

  public init(engine: SentimentEngine) { self.engine = engine }

  public func register(on router: Router<APIRequestContext>) {
    router.get("/health") { _, _ in await engine.health().healthAnswer() }
    router.get("/sentiment/{symbol}") { _, context in
      let raw = try context.parameters.require("symbol")
      let symbol = try watchedSymbol(raw)
      return SentimentView(await engine.sentiment(for: symbol)).json
    }
    router.get("/sentiment") { request, _ in
      let query = QueryParameters(request)
      try query.requireOnly(["symbols"])
      var symbols = engine.configuration.symbols
      if let list = try query.string("symbols") {
        symbols = try list.split(separator: ",", omittingEmptySubsequences: false).map {
          try watchedSymbol(String($0))
        }
        guard symbols.count <= Self.maximumSymbols else {
          throw APIError.badRequest("symbols must list at most \(Self.maximumSymbols) symbols, got \(symbols.count)")
        }
      }
      var sentiments: [JSONValue] = []
      for symbol in symbols { sentiments.append(SentimentView(await engine.sentiment(for: symbol)).json) }
      return JSONValue.object(["sentiments": .array(sentiments)])
    }
  }

  /// `raw` as a watched symbol; 400 when it is not a symbol, 404 when it is not watched.
  private func watchedSymbol(_ raw: String) throws(APIError) -> String {
    guard let symbol = QueryParameters.normalizedSymbol(raw) else {
      throw .badRequest(
        "a symbol must be 1–\(QueryParameters.maximumSymbolLength) characters of A–Z, 0–9, '.', '/', ':', '_', '-', "
          + "got \(QueryParameters.shown(raw))")
    }
    guard engine.watches(symbol) else {
      throw .notFound(
        "the sentiment engine does not watch \(symbol); it watches \(engine.configuration.symbols.joined(separator: ", "))"
      )
    }
    return symbol
  }
}
