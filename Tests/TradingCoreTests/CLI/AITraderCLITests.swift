import Foundation
import Testing

/// The `aitrader` executable, run as a user runs it: its exit status, what it prints, the files
/// it writes, and the messages it gives for bad input.
///
/// `swift test` builds the executable next to the test bundle; set `AITRADER_BIN` to test another build.
/// Serialized: each test blocks a thread while `aitrader` runs (`waitUntilExit`), and running
/// them one at a time leaves the rest of the cooperative pool to the other suites.
@Suite(.serialized) struct AITraderCLITests {
  /// What one run of the executable did.
  struct Run {
    var status: Int32
    var output: String
    var errors: String
  }

  struct MissingExecutable: Error, CustomStringConvertible {
    let searched: [String]
    var description: String {
      "the aitrader executable was not found; run `swift build --product aitrader` (or `swift test`, which builds it) "
        + "or set AITRADER_BIN. Looked in: \(searched.joined(separator: ", "))"
    }
  }

  /// The package root, from this file's path (`Tests/TradingCoreTests/CLI/`).
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// `$AITRADER_BIN`, else `aitrader` in the products directory that holds the running test
  /// bundle, else `<package root>/.build/debug/aitrader`.
  static func executable() throws -> URL {
    var candidates: [URL] = []
    if let path = ProcessInfo.processInfo.environment["AITRADER_BIN"] { candidates.append(URL(fileURLWithPath: path)) }
    var directories: [URL] = []
    if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
    directories.append(Bundle.main.bundleURL.deletingLastPathComponent())
    directories.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
    for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
      directories.append(bundle.bundleURL.deletingLastPathComponent())
    }
    candidates += directories.map { $0.appendingPathComponent("aitrader") }
    candidates.append(packageRoot.appendingPathComponent(".build/debug/aitrader"))
    for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
        return candidate
      }
    }
    throw MissingExecutable(searched: candidates.map(\.path))
  }

  /// Runs `aitrader` with `arguments` and waits for it to exit; output goes through files, so a
  /// chatty run can never block on a full pipe.
  static func run(_ arguments: [String]) throws -> Run {
    let scratch = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outputURL = scratch.appendingPathComponent("stdout")
    let errorsURL = scratch.appendingPathComponent("stderr")
    guard FileManager.default.createFile(atPath: outputURL.path, contents: nil),
      FileManager.default.createFile(atPath: errorsURL.path, contents: nil)
    else { throw CocoaError(.fileWriteUnknown) }
    let output = try FileHandle(forWritingTo: outputURL)
    let errors = try FileHandle(forWritingTo: errorsURL)
    let process = Process()
    process.executableURL = try executable()
    process.arguments = arguments
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    process.waitUntilExit()
    try output.close()
    try errors.close()
    return Run(
      status: process.terminationStatus, output: try String(contentsOf: outputURL, encoding: .utf8),
      errors: try String(contentsOf: errorsURL, encoding: .utf8))
  }

  static func temporaryDirectory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("aitrader-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
  }

  /// GOOG.csv as `BarCSVGoogTests.googBytes()` finds it (`$AITRADER_VENDOR_DIR` or `.vendor/`).
  static func googPath() throws -> String {
    let vendor =
      ProcessInfo.processInfo.environment["AITRADER_VENDOR_DIR"].map { URL(fileURLWithPath: $0) }
      ?? packageRoot.appendingPathComponent(".vendor")
    let path = vendor.appendingPathComponent("data/GOOG.csv").path
    guard FileManager.default.fileExists(atPath: path) else { throw BarCSVGoogTests.MissingVendorFile(path: path) }
    return path
  }

  static func jsonObject(_ text: String) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return try #require(object as? [String: Any], "not a JSON object: \(text)")
  }

  /// The backtesting.py canonical run: `SmaCross(10, 20)`, cash 10,000, commission 0.2 %.
  static let googArguments = ["--strategy", "sma-cross", "--fast", "10", "--slow", "20", "--commission", "0.002"]

  @Test func helpDescribesTheCommands() throws {
    let top = try Self.run(["--help"])
    #expect(top.status == 0)
    #expect(top.output.contains("USAGE: aitrader <subcommand>"))
    #expect(top.output.contains("backtest"))
    let backtest = try Self.run(["backtest", "--help"])
    #expect(backtest.status == 0)
    for option in [
      "--data", "--synthetic-ticks", "--strategy", "--commission", "--json", "--trades-out", "--equity-out",
    ] {
      #expect(backtest.output.contains(option), "backtest --help does not mention \(option)")
    }
  }

  @Test func theGOOGBacktestPrintsThePeersFiguresAsJSON() throws {
    let run = try Self.run(["backtest", "--data", try Self.googPath(), "--json"] + Self.googArguments)
    #expect(run.status == 0, "stderr: \(run.errors)")
    let object = try Self.jsonObject(run.output)
    #expect(object["equity_final"] as? Double == 56_263.51934)
    #expect(object["trades"] as? Int == 93)
    #expect(object["bars"] as? Int == 2_148)
    #expect(object["symbol"] as? String == "GOOG")
    #expect(object["start"] as? String == "2004-08-19T00:00:00Z")
    // The exact decimal is printed as such, not through a Double.
    #expect(run.output.contains("\"equity_final\":56263.51934,"))
  }

  @Test func tradesAndEquityCSVsHaveARowPerTradeAndPerBar() throws {
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let trades = directory.appendingPathComponent("trades.csv")
    let equity = directory.appendingPathComponent("equity.csv")
    let run = try Self.run(
      ["backtest", "--data", try Self.googPath(), "--trades-out", trades.path, "--equity-out", equity.path]
        + Self.googArguments)
    #expect(run.status == 0, "stderr: \(run.errors)")
    let tradeRows = try String(contentsOf: trades, encoding: .utf8).split(separator: "\n")
    let equityRows = try String(contentsOf: equity, encoding: .utf8).split(separator: "\n")
    #expect(tradeRows.count == 1 + 93)
    #expect(equityRows.count == 1 + 2_148)
    #expect(tradeRows.first?.hasPrefix("Size,EntryBar,ExitBar,EntryPrice,ExitPrice,PnL,Commission") == true)
    // backtesting.py's first trade: −59 from bar 63 to bar 75, 169.02 → 179.13.
    #expect(tradeRows.dropFirst().first?.hasPrefix("-59,63,75,169.02,179.13,-637.5717,41.0817,") == true)
    #expect(equityRows.dropFirst().first == "2004-08-19T00:00:00Z,10000,0.0")
    #expect(equityRows.last?.hasPrefix("2013-03-01T00:00:00Z,56263.51934,") == true)
  }

  @Test func syntheticTicksReportTheirCountAndRate() throws {
    let run = try Self.run([
      "backtest", "--synthetic-ticks", "5000", "--strategy", "ema-cross", "--trade-size", "100000", "--cash", "1000000",
      "--json",
    ])
    #expect(run.status == 0, "stderr: \(run.errors)")
    let object = try Self.jsonObject(run.output)
    #expect(object["ticks"] as? Int == 5_000)
    #expect(object["ticks_per_sec"] is NSNumber)
    #expect(object["symbol"] as? String == "AUD/USD")
    // 5,000 one-second ticks in 60-second bars: 83 full bars and one of 20 s.
    #expect(object["bars"] as? Int == 84)
  }

  /// Bad arguments exit non-zero with a message that names the problem.
  @Test(arguments: [
    (["--fast", "20", "--slow", "10"], "--fast (20) must be below --slow (10)"),
    (["--fast", "20", "--slow", "20"], "--fast (20) must be below --slow (20)"),
    (["--cash=-5"], "--cash must be a positive decimal, got -5"),
    (["--cash", "-5"], "--cash must be a positive decimal, got -5"),
    (["--cash", "lots"], "--cash must be a positive decimal, got lots"),
    (["--fast", "-5"], "--fast must be positive, got -5"),
    (["--latency-ms", "-1"], "--latency-ms cannot be negative, got -1"),
    (["--trade-size", "0"], "--trade-size must be a positive decimal, got 0"),
    (["--commission", "0.5"], "--commission must be a decimal in [-0.1, 0.1), got 0.5"),
    (["--fill", "quote"], "--fill must be next-open or close, got quote"),
    (["--synthetic-ticks", "100"], "give exactly one of --data PATH or --synthetic-ticks N"),
  ])
  func badArgumentsAreNamed(_ arguments: [String], _ message: String) throws {
    let run = try Self.run(["backtest", "--data", try Self.googPath()] + arguments)
    #expect(run.status != 0)
    #expect(run.errors.contains(message), "stderr: \(run.errors)")
    #expect(run.output.isEmpty)
  }

  @Test func aNegativeCommissionIsARebateNotAMissingValue() throws {
    let run = try Self.run(["backtest", "--data", try Self.googPath(), "--commission", "-0.0001", "--json"])
    #expect(run.status == 0, "stderr: \(run.errors)")
  }

  @Test func aMissingFileIsNamed() throws {
    let path = Self.packageRoot.appendingPathComponent(".vendor/data/NO-SUCH-FILE.csv").path
    let run = try Self.run(["backtest", "--data", path])
    #expect(run.status != 0)
    #expect(run.errors.contains("\(path): cannot read the file"), "stderr: \(run.errors)")
  }

  /// A broken CSV: the message names the file and the line.
  @Test(arguments: [
    ("2020-01-03,1,abc,1,2,100", "line 3: High (abc) is not a number in range"),
    ("2020-01-03,10.2,9.5,10.1,10,100", "line 3: High (9.5) is below Low (10.1)"),
    (
      "2020-01-01,1,2,1,2,100", "line 3: time 2020-01-01T00:00:00Z is not after the previous row's 2020-01-02T00:00:00Z"
    ),
  ])
  func aBadCSVRowIsNamedByFileAndLine(_ row: String, _ message: String) throws {
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("bars.csv")
    try "Date,Open,High,Low,Close,Volume\n2020-01-02,1,2,1,2,100\n\(row)\n2020-01-06,1,2,1,2,100\n".write(
      to: file, atomically: true, encoding: .utf8)
    let run = try Self.run(["backtest", "--data", file.path])
    #expect(run.status != 0)
    #expect(run.errors.contains("\(file.path): \(message)"), "stderr: \(run.errors)")
  }
}
