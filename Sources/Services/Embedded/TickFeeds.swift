import Foundation
import TradingCore

/// The tick sources `aitrader run` can use: the synthetic market, or a CSV replayed.
enum TickFeeds {
  /// A CSV that cannot be replayed.
  struct ReplayError: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "\(path): \(reason)" }
  }

  /// An endless synthetic market of `configuration.symbols`, stamped from `start`, one round of
  /// ticks (one per symbol) every `symbols / tickRate` seconds.
  static func syntheticMarket(_ configuration: AITraderConfiguration, start: Timestamp) -> SyntheticMarket {
    var generator = SplitMix64(seed: configuration.seed)
    let instruments = configuration.symbols.map { symbol in
      SyntheticMarket.Instrument(
        symbol: symbol, startPrice: (50 + 450 * generator.nextUnit()).rounded(), volatility: 0.001)
    }
    let roundSeconds = Double(instruments.count) / configuration.tickRate
    return SyntheticMarket(
      instruments: instruments, seed: configuration.seed, start: start,
      intervalNanoseconds: max(1, Int64(roundSeconds * 1e9)))
  }

  /// The ticks of a CSV: quote rows when the header names a `symbol` column, otherwise bars
  /// whose closes become trades of the symbol named by the file.
  static func replay(path: String) throws -> [Tick] {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
    else {
      throw ReplayError(path: path, reason: "cannot read the file (missing, unreadable or not UTF-8)")
    }
    let header = text.prefix { $0 != "\n" && $0 != "\r" }.lowercased()
    let symbol = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent.uppercased()
    let layout: TickCSVParser.Layout =
      header.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == "symbol" }
      ? .quotes : .barCloses(symbol: symbol)
    do {
      return try TickCSVParser(layout: layout).parse(text)
    } catch {
      throw ReplayError(path: path, reason: "\(error)")
    }
  }
}
