import BenchmarkSupport
import Foundation
import Messaging
import TradingCore

/// XADD throughput of the Redis client against a running redis-server, for `scripts/bench_redis.sh`,
/// which runs `redis-benchmark` beside it on the same server.
///
///   MessagingBenchmarks --url redis://127.0.0.1:6379 --count 1000000 --pipeline 64 [--connections 4]
///   MessagingBenchmarks concurrent --url … --count 200000 --tasks 64
///
/// `pipeline` (the default): batches of `--pipeline` XADDs written at once on one connection
/// (`RedisClient.pipeline`), as `redis-benchmark -P` does; with `--connections N`, N clients do
/// so at once, each with one batch in flight, as `redis-benchmark -c` does. `concurrent`: `--tasks` tasks each
/// awaiting one `xadd` after another on one shared connection, which the client pipelines on its
/// own — the path `RedisStreamsEventBus.publish` takes. Every entry is a `signals:global` entry of
/// a real signal (six fields), trimmed with `MAXLEN ~ 1000000`.
let options = BenchmarkOptions(Array(CommandLine.arguments.dropFirst()))
let sample = Signal(
  id: TimeSortableID(high: 0x0190_0000_0000_0000, low: 42), symbol: "AAPL", score: 0.734,
  timestamp: Timestamp(nanosecondsSinceEpoch: 1_764_000_000_000_000_000), source: "pattern",
  meta: [
    "ema_fast": 189.12, "ema_slow": 188.7, "vwap": 189.01, "volatility": 0.0123, "rsi": 61.25,
    "feature.r1": 0.00123, "feature.r5": -0.0045, "feature.r20": 0.0123, "feature.vol20": 0.0101,
    "feature.ema_gap": 0.0007, "feature.trend": -0.0002,
  ])

// `signal-fields`: no server needed: how long reading a signal back from its bus fields takes
// (what the strategy engine does first with every message), the median of 11 rounds.
if options.mode == "signal-fields" {
  let fields = sample.busFields
  let rounds = options.int("count", 200_000)
  var perRound: [Double] = []
  var checksum = 0.0
  for _ in 0..<11 {
    let start = ContinuousClock.now
    for _ in 0..<rounds { checksum += try Signal(busFields: fields).meta["vwap"] ?? 0 }
    perRound.append(start.duration(to: .now) / .nanoseconds(1) / Double(rounds))
  }
  // Beside it, Foundation's JSONDecoder reading the same meta text, which the fields read used before.
  let metaText = Data(fields["meta"]!.utf8)
  let decoder = JSONDecoder()
  var foundationRounds: [Double] = []
  for _ in 0..<11 {
    let start = ContinuousClock.now
    for _ in 0..<rounds / 10 { checksum += try decoder.decode([String: Double].self, from: metaText)["vwap"] ?? 0 }
    foundationRounds.append(start.duration(to: .now) / .nanoseconds(1) / Double(rounds / 10))
  }
  // And the other way: the meta written as the bus fields and the store write it, beside
  // Foundation's JSONEncoder writing the same meta, which both used before.
  var writeRounds: [Double] = []
  var written = 0
  for _ in 0..<11 {
    let start = ContinuousClock.now
    for _ in 0..<rounds { written += FlatNumberObject.text(sample.meta).utf8.count }
    writeRounds.append(start.duration(to: .now) / .nanoseconds(1) / Double(rounds))
  }
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
  var encoderRounds: [Double] = []
  for _ in 0..<11 {
    let start = ContinuousClock.now
    for _ in 0..<rounds / 10 { written += try encoder.encode(sample.meta).count }
    encoderRounds.append(start.duration(to: .now) / .nanoseconds(1) / Double(rounds / 10))
  }
  print(
    String(
      format: "Signal(busFields:) with %d meta entries: median %.0f ns; JSONDecoder on the meta alone: %.0f ns "
        + "(checksum %.0f)", sample.meta.count, perRound.sorted()[5], foundationRounds.sorted()[5], checksum))
  print(
    String(
      format: "FlatNumberObject.text on the meta: median %.0f ns; JSONEncoder on the meta: %.0f ns (%d bytes written)",
      writeRounds.sorted()[5], encoderRounds.sorted()[5], written))
  exit(0)
}
let url = options.string("url", "redis://127.0.0.1:6379")
let count = options.int("count", 1_000_000)
let stream = "bench:xadd:\(UUID().uuidString.prefix(8))"
let signal = Signal(
  id: TimeSortableID(high: 0x0190_0000_0000_0000, low: 42), symbol: "AAPL", score: 0.734,
  timestamp: Timestamp(nanosecondsSinceEpoch: 1_764_000_000_000_000_000), source: "pattern",
  meta: ["ema_fast": 189.12, "ema_slow": 188.7, "vwap": 189.01, "volatility": 0.0123])
let fields = signal.busFields.sorted { $0.key < $1.key }.flatMap { [$0.key, $0.value] }
let arguments = [stream, "MAXLEN", "~", "1000000", "*"] + fields

let connections = options.int("connections", 1)
var connected: [RedisClient] = []
for _ in 0..<max(1, connections) {
  let client = try RedisClient(url: url)
  try await client.connect()
  connected.append(client)
}
let clients = connected
let client = clients[0]
let clock = ContinuousClock()
let started = clock.now
switch options.mode ?? "pipeline" {
case "concurrent":
  let tasks = options.int("tasks", 64)
  try await withThrowingTaskGroup(of: Void.self) { group in
    for lane in 0..<tasks {
      group.addTask {
        for _ in stride(from: lane, to: count, by: tasks) {
          _ = try await client.send(RedisCommand("XADD", arguments))
        }
      }
    }
    try await group.waitForAll()
  }
default:
  let depth = options.int("pipeline", 64)
  let batch = Array(repeating: RedisCommand("XADD", arguments), count: depth)
  try await withThrowingTaskGroup(of: Void.self) { group in
    for (lane, laneClient) in clients.enumerated() {
      // Each connection sends its share of `count`, one batch in flight at a time.
      let share = count / clients.count + (lane < count % clients.count ? 1 : 0)
      group.addTask {
        var sent = 0
        while sent < share {
          let size = min(depth, share - sent)
          let replies = try await laneClient.pipeline(size == depth ? batch : Array(batch.prefix(size)))
          if case .error(let message)? = replies.first { fatalError("XADD refused: \(message)") }
          sent += size
        }
      }
    }
    try await group.waitForAll()
  }
}
let seconds = started.duration(to: clock.now) / .seconds(1)
let length = try await client.send(RedisCommand("XLEN", [stream]))
_ = try await client.send(RedisCommand("DEL", [stream]))
for client in clients { await client.close() }
print(
  String(
    format: "%@ XADD (%d connection(s)): %d entries in %.3f s = %.0f msg/s (stream length %@)",
    options.mode ?? "pipeline", clients.count, count, seconds, Double(count) / seconds, "\(length)"))
