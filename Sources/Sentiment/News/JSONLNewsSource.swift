import Foundation
import TradingCore

/// News from a `.jsonl` file, or from every `*.jsonl` file in a folder (read in name order), in
/// the `JSONLNews` line format.
///
/// Each fetch re-reads the files from the start and keeps no state: simple, and right for the
/// files this reads — a generator's output or a hand-made fixture, small next to `maxFileBytes`.
/// A file larger than that is read from its last `maxFileBytes` only (from the first whole line
/// in them): the newest lines, since generators append. The engine's `since` and the
/// deduplicator drop what an earlier fetch already gave.
///
/// Files may be appended to while they are read. A last line without its newline may be half
/// written: it is used when it decodes, and otherwise left for the next fetch without being
/// counted. Complete lines that cannot be read are skipped and counted by reason: the
/// `JSONLNewsError` reasons, `invalid_utf8` (binary or mis-encoded bytes) and `line_too_long`
/// (over `maxLineBytes`). Blank lines are ignored.
public struct JSONLNewsSource: NewsSource {
  public static let defaultMaxLineBytes = 64 * 1024
  public static let defaultMaxFileBytes = 16 * 1024 * 1024

  public let name = "jsonl"
  /// A `.jsonl` file or a folder of them.
  public let path: String
  /// Longer lines are skipped as `line_too_long`.
  public let maxLineBytes: Int
  /// Of a larger file only the last this many bytes are read.
  public let maxFileBytes: Int

  public init(path: String, maxLineBytes: Int = defaultMaxLineBytes, maxFileBytes: Int = defaultMaxFileBytes) {
    self.path = path
    self.maxLineBytes = maxLineBytes
    self.maxFileBytes = maxFileBytes
  }

  /// Items about any of `symbols` (their `symbols` narrowed to those asked for) published at or
  /// after `since`, in file and line order. Throws `.unavailable` when `path` does not exist or
  /// a file cannot be read. The files are read with blocking calls on the calling task.
  public func fetch(symbols: [String], since: Timestamp) async throws(NewsSourceError) -> NewsFetch {
    let wanted = Set(symbols.map { $0.uppercased() })
    var fetch = NewsFetch()
    for file in try files() {
      read(try contents(of: file), into: &fetch) { item in
        var item = item
        item.symbols = item.symbols.filter(wanted.contains)
        return !item.symbols.isEmpty && item.publishedAt >= since ? item : nil
      }
    }
    return fetch
  }

  /// Decodes the lines of `bytes` into `fetch`, keeping the items `keep` returns.
  func read(_ bytes: [UInt8], into fetch: inout NewsFetch, keep: (NewsItem) -> NewsItem?) {
    var start = bytes.starts(with: Self.byteOrderMark) ? Self.byteOrderMark.count : 0
    while start < bytes.count {
      let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n"))
      let line = bytes[start..<(newline ?? bytes.count)]
      switch decode(line) {
      case .item(let item): if let kept = keep(item) { fetch.items.append(kept) }
      case .skipped(let reason): if newline != nil { fetch.skip(reason) }
      case .blank: break
      }
      start = (newline ?? bytes.count) + 1
    }
  }

  private enum LineOutcome {
    case item(NewsItem)
    case skipped(String)
    case blank
  }

  private func decode(_ line: ArraySlice<UInt8>) -> LineOutcome {
    var line = line
    if line.last == UInt8(ascii: "\r") { line.removeLast() }
    if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { return .blank }
    guard line.count <= maxLineBytes else { return .skipped("line_too_long") }
    guard let text = String(validating: line, as: UTF8.self) else { return .skipped("invalid_utf8") }
    do {
      return .item(try JSONLNews.decode(line: text, provider: name))
    } catch {
      return .skipped(error.reason)
    }
  }

  private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

  /// `path` itself, or the `*.jsonl` files in it sorted by name.
  private func files() throws(NewsSourceError) -> [String] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw .unavailable(source: name, detail: "\(path) does not exist")
    }
    guard isDirectory.boolValue else { return [path] }
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: path)
    } catch {
      throw .unavailable(source: name, detail: "cannot list \(path): \(error)")
    }
    return names.filter { $0.hasSuffix(".jsonl") }.sorted().map { (path as NSString).appendingPathComponent($0) }
  }

  /// The file's bytes, or its last `maxFileBytes` from the first line that starts in them.
  private func contents(of file: String) throws(NewsSourceError) -> [UInt8] {
    do {
      let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
      defer { try? handle.close() }
      let size = try handle.seekToEnd()
      guard size > UInt64(maxFileBytes) else {
        try handle.seek(toOffset: 0)
        return [UInt8](try handle.readToEnd() ?? Data())
      }
      // From one byte before the window, so that a line starting right at it is kept whole.
      try handle.seek(toOffset: size - UInt64(maxFileBytes) - 1)
      let bytes = [UInt8](try handle.readToEnd() ?? Data())
      guard let firstNewline = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return [] }
      return Array(bytes[(firstNewline + 1)...])
    } catch {
      throw .unavailable(source: name, detail: "cannot read \(file): \(error)")
    }
  }
}
