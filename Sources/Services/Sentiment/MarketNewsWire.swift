import Foundation
import Logging
import Sentiment
import ServiceLifecycle
import TradingCore

/// The embedded default's news: every `interval` it looks at each symbol's latest mark and,
/// when the price has moved enough since the symbol's last item, appends a generated headline about the move to
/// `generated.jsonl` in the news folder — which the sentiment engine reads like any JSONL feed.
///
/// The file is rotated to `generated.jsonl.1` past `maximumBytes`, so it stays small; the
/// rotated file does not end in `.jsonl` and is not read.
struct MarketNewsWire: Service {
  let marks: @Sendable () async -> [String: Price]
  let directory: String
  let interval: Duration
  let seed: UInt64
  let logger: Logger
  var maximumBytes = 4 << 20

  /// The feed file.
  var path: String { URL(fileURLWithPath: directory).appendingPathComponent("generated.jsonl").path }

  func run() async throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    await cancelWhenGracefulShutdown {
      var generator = MarketNewsGenerator(seed: seed)
      var previous: [String: Double] = [:]
      while !Task.isCancelled {
        try? await Task.sleep(for: interval)
        let latest = await marks()
        var lines = ""
        for (symbol, mark) in latest.sorted(by: { $0.key < $1.key }) {
          let price = mark.doubleValue
          guard let before = previous[symbol] else {
            previous[symbol] = price
            continue
          }
          // The move is measured from the price of the symbol's last item, so that slow drifts
          // make news too.
          if let item = generator.headline(symbol: symbol, price: price, previousPrice: before, at: WallClock.now()) {
            lines += JSONLNews.encode(item) + "\n"
            previous[symbol] = price
          }
        }
        if !lines.isEmpty { append(lines) }
      }
    }
  }

  /// Appends whole lines to the feed, rotating it first when it is too large.
  private func append(_ lines: String) {
    let manager = FileManager.default
    if let size = (try? manager.attributesOfItem(atPath: path))?[.size] as? Int, size > maximumBytes {
      try? manager.removeItem(atPath: path + ".1")
      try? manager.moveItem(atPath: path, toPath: path + ".1")
    }
    if !manager.fileExists(atPath: path) { _ = manager.createFile(atPath: path, contents: nil) }
    do {
      let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
      defer { try? handle.close() }
      try handle.seekToEnd()
      try handle.write(contentsOf: Data(lines.utf8))
    } catch {
      logger.warning("could not write the generated news feed \(path): \(error)")
    }
  }
}
