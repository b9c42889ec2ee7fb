import Foundation
import Synchronization
import TradingCore

/// News from a `.jsonl` file, or from every `*.jsonl` file in a folder (read in name order), in
/// the `JSONLNews` line format.
///
/// The source follows its files as they grow, like `tail -f`: each fetch reads only the lines
/// completed since the previous one, so a line is decoded — and, when it cannot be, counted —
/// once. A file seen for the first time that is larger than `maxFileBytes` is read from its last
/// `maxFileBytes` only (from the first whole line in them): the newest lines, since generators
/// append. A file replaced (another inode, as after a rotation) or truncated to less than was read
/// is read again from its start. The position is kept per instance: give each reader its own source.
///
/// A last line without its newline may be half written: it is used when it decodes, and
/// otherwise left for the next fetch without being counted. Complete lines that cannot be read
/// are skipped and counted by reason: the `JSONLNewsError` reasons, `invalid_utf8` (binary or
/// mis-encoded bytes) and `line_too_long` (over `maxLineBytes`). Blank lines are ignored.
public struct JSONLNewsSource: NewsSource {
  public static let defaultMaxLineBytes = 64 * 1024
  public static let defaultMaxFileBytes = 16 * 1024 * 1024

  public let name = "jsonl"
  /// A `.jsonl` file or a folder of them.
  public let path: String
  /// Longer lines are skipped as `line_too_long`.
  public let maxLineBytes: Int
  /// Of a larger file seen for the first time only the last this many bytes are read; at most
  /// this many new bytes are read per file and fetch.
  public let maxFileBytes: Int
  private let positions = FilePositions()

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
      let unread = try newBytes(of: file)
      let consumed = read(unread.bytes, into: &fetch) { item in
        var item = item
        item.symbols = item.symbols.filter(wanted.contains)
        return !item.symbols.isEmpty && item.publishedAt >= since ? item : nil
      }
      positions.set(file, FilePositions.Position(identity: unread.identity, offset: unread.offset + UInt64(consumed)))
    }
    return fetch
  }

  /// Decodes the lines of `bytes` into `fetch`, keeping the items `keep` returns; answers how
  /// many bytes were consumed (all but a half-written last line).
  @discardableResult
  func read(_ bytes: [UInt8], into fetch: inout NewsFetch, keep: (NewsItem) -> NewsItem?) -> Int {
    var start = bytes.starts(with: Self.byteOrderMark) ? Self.byteOrderMark.count : 0
    while start < bytes.count {
      let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n"))
      let line = bytes[start..<(newline ?? bytes.count)]
      switch decode(line) {
      case .item(let item): if let kept = keep(item) { fetch.items.append(kept) }
      case .skipped(let reason):
        guard newline != nil else { return start }
        fetch.skip(reason)
      case .blank: break
      }
      start = (newline ?? bytes.count) + 1
    }
    return bytes.count
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

  /// The bytes of `file` past the position of the previous fetch (at most `maxFileBytes`), where
  /// they start, and the file's identity; a file seen for the first time is read from the first
  /// whole line of its last `maxFileBytes`.
  private func newBytes(of file: String) throws(NewsSourceError) -> (bytes: [UInt8], offset: UInt64, identity: UInt64) {
    do {
      let attributes = try FileManager.default.attributesOfItem(atPath: file)
      let identity = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
      let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
      defer { try? handle.close() }
      let size = try handle.seekToEnd()
      if let known = positions.position(of: file), known.identity == identity, known.offset <= size {
        try handle.seek(toOffset: known.offset)
        let bytes = [UInt8](try handle.read(upToCount: maxFileBytes) ?? Data())
        return (bytes, known.offset, identity)
      }
      guard size > UInt64(maxFileBytes) else {
        try handle.seek(toOffset: 0)
        return ([UInt8](try handle.readToEnd() ?? Data()), 0, identity)
      }
      // From one byte before the window, so that a line starting right at it is kept whole.
      let windowStart = size - UInt64(maxFileBytes) - 1
      try handle.seek(toOffset: windowStart)
      let bytes = [UInt8](try handle.readToEnd() ?? Data())
      guard let firstNewline = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return ([], size, identity) }
      return (Array(bytes[(firstNewline + 1)...]), windowStart + UInt64(firstNewline + 1), identity)
    } catch {
      throw .unavailable(source: name, detail: "cannot read \(file): \(error)")
    }
  }
}

/// Where a `JSONLNewsSource` stopped reading each file: the file's inode and the byte offset.
final class FilePositions: Sendable {
  struct Position: Sendable, Hashable {
    var identity: UInt64
    var offset: UInt64
  }

  private let positions = Mutex<[String: Position]>([:])

  func position(of file: String) -> Position? { positions.withLock { $0[file] } }

  func set(_ file: String, _ position: Position) { positions.withLock { $0[file] = position } }
}
