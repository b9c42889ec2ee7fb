import Foundation
import TradingCore

/// The mock broker's own persistent state: an append-only file of JSON lines, one per order
/// state or fill, each batch flushed to disk (`fsync`) before the tool call that made it answers.
/// On start the file is read back: the last line of each order wins and fills are replayed
/// oldest first. A last line cut short by a crash is skipped; any other bad line stops the start
/// with its line number.
struct MockBrokerJournal: Sendable {
  /// One line of the journal: an order's state after a change, or a fill.
  struct Line: Codable, Sendable {
    var order: BrokerOrderReport?
    var fill: BrokerFillReport?
  }

  /// Why the journal could not be read or written.
  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  let path: String

  /// Reads every line written so far; an empty list when the file does not exist yet.
  func read() throws(Failure) -> [Line] {
    guard FileManager.default.fileExists(atPath: path) else { return [] }
    let data: Data
    do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
      throw Failure(description: "cannot read the broker journal \(path): \(error)")
    }
    let rows = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    let endsWithNewline = data.last == UInt8(ascii: "\n")
    var lines: [Line] = []
    let decoder = JSONDecoder()
    for (index, row) in rows.enumerated() where !row.isEmpty {
      do {
        lines.append(try decoder.decode(Line.self, from: Data(row)))
      } catch {
        let isTornTail = index == rows.count - 1 && !endsWithNewline
        if isTornTail { break }
        throw Failure(description: "broker journal \(path) line \(index + 1) is not a journal entry: \(error)")
      }
    }
    return lines
  }

  /// Appends `lines` and flushes them to disk.
  func append(_ lines: [Line]) throws(Failure) {
    guard !lines.isEmpty else { return }
    do {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      var data = Data()
      for line in lines {
        data.append(try encoder.encode(line))
        data.append(UInt8(ascii: "\n"))
      }
      if !FileManager.default.fileExists(atPath: path) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
          throw Failure(description: "cannot create the broker journal \(path)")
        }
      }
      let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
      defer { try? handle.close() }
      try handle.seekToEnd()
      try handle.write(contentsOf: data)
      try handle.synchronize()
    } catch let failure as Failure {
      throw failure
    } catch {
      throw Failure(description: "cannot write the broker journal \(path): \(error)")
    }
  }
}
