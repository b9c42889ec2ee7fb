import Foundation
import TradingCore

/// Reads a CSV of bars from disk, naming the file in every error.
enum BarFile {
  /// A CSV that could not be read or parsed.
  struct LoadError: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "\(path): \(reason)" }
  }

  static func load(path: String, adjustedClose: Bool) throws -> [Bar] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw LoadError(path: path, reason: "cannot read the file (missing or not readable)")
    }
    do {
      return try BarCSVParser(closeSource: adjustedClose ? .adjustedClose : .close).parse([UInt8](data))
    } catch {
      throw LoadError(path: path, reason: error.description)
    }
  }

  /// The instrument's name from the file name: `data/GOOG.csv` → `GOOG`.
  static func symbol(for path: String) -> String {
    let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent.uppercased()
    return name.isEmpty ? "ASSET" : name
  }
}
