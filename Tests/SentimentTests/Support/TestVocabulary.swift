import Foundation
import Sentiment
import Testing

/// Where the tests find the BERT vocabulary and the fixtures.
///
/// `make test` sets `AITRADER_VENDOR_DIR`; without it the vendor folder is `<repo>/.vendor`,
/// found from this file's path. `scripts/setup.sh` puts `tokenizer/vocab.txt` there on every
/// platform; on Linux (where CI runs) its absence fails the tests that need it, elsewhere they
/// are skipped.
enum TestVocabulary {
  /// The vocabulary cannot be found; the message says how to get it.
  struct Missing: Error, CustomStringConvertible {
    let description: String
  }

  /// The repository's root folder.
  static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// `vocab.txt` in the vendor folder.
  static var path: String {
    let vendor =
      ProcessInfo.processInfo.environment["AITRADER_VENDOR_DIR"].map { URL(fileURLWithPath: $0) }
      ?? repositoryRoot.appendingPathComponent(".vendor")
    return vendor.appendingPathComponent("tokenizer/vocab.txt").path
  }

  /// Whether the tests that need the vocabulary run: always on Linux (so that its absence fails
  /// them), elsewhere only when it is there.
  static var shouldRun: Bool {
    #if os(Linux)
      true
    #else
      FileManager.default.fileExists(atPath: path)
    #endif
  }

  /// The tokenizer of the vendored vocabulary, loaded once.
  static func tokenizer() throws -> BertTokenizer {
    try loaded.get()
  }

  private static let loaded = Result<BertTokenizer, any Error> {
    guard FileManager.default.fileExists(atPath: path) else {
      throw Missing(description: "BERT vocabulary not found at \(path); run `bash scripts/setup.sh`")
    }
    return try BertTokenizer(vocabularyFile: path)
  }

  /// A fixture file's URL.
  static func fixture(_ name: String, _ type: String) throws -> URL {
    try #require(Bundle.module.url(forResource: name, withExtension: type, subdirectory: "Fixtures"))
  }
}
