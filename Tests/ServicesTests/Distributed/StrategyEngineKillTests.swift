import Foundation
import Messaging
import Testing
import TradingCore

#if canImport(Glibc)
  import Glibc
#endif

/// Two `aitrader serve strategy-engine` processes on consumer group `strategy`, 100,000 signals,
/// and one of them killed with SIGKILL mid-stream: the survivor takes over what the dead one left
/// pending, and PostgreSQL ends with exactly one order decision per signal — none missing, none
/// twice.
extension ComponentProcessTests {
  @Suite struct StrategyEngineKillTests {
    static let signalCount = 100_000
    static let symbols = ["AAPL", "MSFT", "GOOG", "AMZN", "TSLA"]

    /// Signal `index`: ids in publishing order, strong enough to trade, with a volatility to size by.
    /// No fills reach the engines (no execution runs), so every signal finds a flat position and
    /// yields an order: a signal without an order would be a lost one.
    static func signal(_ index: Int, at start: Timestamp) -> Signal {
      let time = start.adding(nanoseconds: Int64(index) * 1_000)
      let id = TimeSortableID(
        high: UInt64(time.millisecondsSinceEpoch) << 16 | UInt64(index >> 16), low: 0xFA17_0000_0000 | UInt64(index))
      return Signal(
        id: id, symbol: symbols[index % symbols.count], score: index.isMultiple(of: 2) ? 0.9 : -0.9, timestamp: time,
        source: "fault-test", meta: ["volatility": 0.01])
    }

    @Test func everySignalYieldsExactlyOneOrderAcrossAKill() async throws {
      let rig = try DistributedRig(redisDatabase: 6)
      defer { rig.remove() }
      let bus = try RedisStreamsEventBus(url: rig.redisURL)
      try await bus.connect()
      defer { Task { await bus.close() } }
      // Marks first, so that both engines can price every symbol before the first signal.
      let start = Timestamp(nanosecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1e9))
      for (index, symbol) in Self.symbols.enumerated() {
        let price = Fixed(100 + index * 10)
        _ = try await bus.publish(
          to: .ticks,
          fields: Tick(symbol: symbol, timestamp: start, bid: price, ask: price + Fixed(raw: 1_000_000)).busFields)
      }
      let settings = ["AITRADER_RECLAIM_IDLE_SECONDS": "2", "AITRADER_LOG_LEVEL": "warning"]
      let doomed = try await rig.serve("strategy-engine", name: "strategy-doomed", environment: settings)
      defer { doomed.forceStop() }
      let survivor = try await rig.serve("strategy-engine", name: "strategy-survivor", environment: settings)
      defer { survivor.forceStop() }
      let marked = await survivor.eventually(timeout: .seconds(30)) {
        try rig.redis("XINFO", "GROUPS", "ticks").components(separatedBy: "ticks-strategy").count == 3
      }
      #expect(marked, "both engines should follow the ticks stream")
      try await Task.sleep(for: .seconds(1))

      // 100,000 signals from 4 publishers at once, while the engines work.
      let publishing = Task {
        try await withThrowingTaskGroup(of: Void.self) { group in
          for lane in 0..<4 {
            group.addTask {
              for index in stride(from: lane, to: Self.signalCount, by: 4) {
                _ = try await bus.publish(to: .signals, fields: Self.signal(index, at: start).busFields)
              }
            }
          }
          try await group.waitForAll()
        }
      }
      let midStream = await doomed.eventually(timeout: .seconds(300), every: .milliseconds(250)) {
        try rig.count("SELECT count(*) FROM orders") >= Self.signalCount / 4
      }
      #expect(midStream, "a quarter of the orders within 300 s\n\(doomed.diagnostics())")
      doomed.forceStop()
      let ordersAtKill = try rig.count("SELECT count(*) FROM orders")
      try await publishing.value

      let finished = await survivor.eventually(timeout: .seconds(600), every: .milliseconds(500)) {
        try rig.count("SELECT count(*) FROM orders") >= Self.signalCount
          && Int(try rig.redis("XPENDING", "signals:global", "strategy").components(separatedBy: "\n")[0]) == 0
      }
      #expect(finished, "every signal decided and acknowledged within 600 s\n\(survivor.diagnostics())")
      let orders = try rig.count("SELECT count(*) FROM orders")
      let distinctSignals = try rig.count("SELECT count(DISTINCT signal_id) FROM orders")
      let derived = try rig.count("SELECT count(*) FROM orders WHERE id = 'O-' || signal_id")
      #expect(orders == Self.signalCount, "orders in PostgreSQL")
      #expect(distinctSignals == Self.signalCount, "signals with an order")
      #expect(derived == Self.signalCount, "orders whose id derives from their signal's")
      let health = try await survivor.getJSON("/health", as: ComponentAnswer.self).component.details
      print(
        "strategy-engine kill: \(orders) orders for \(Self.signalCount) signals (\(distinctSignals) distinct); "
          + "\(ordersAtKill) stored when one engine was killed; the survivor read \(health["signals_read"] ?? 0), "
          + "decided \(health["orders_decided"] ?? 0), met \(health["duplicates"] ?? 0) duplicates and republished "
          + "\(health["republished"] ?? 0)")
      #expect(try await survivor.terminate() == 0)
    }
  }
}

/// The part of a component's `/health` these tests read.
struct ComponentAnswer: Decodable {
  struct Component: Decodable {
    var status: String
    var details: [String: Double]

    enum CodingKeys: String, CodingKey { case status, details }

    init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      status = try container.decode(String.self, forKey: .status)
      // Only the numeric details; objects and strings are left out.
      let all = try container.decode([String: LenientNumber].self, forKey: .details)
      details = all.compactMapValues(\.value)
    }
  }
  var component: Component
}

/// A JSON value read as a number when it is one.
struct LenientNumber: Decodable {
  var value: Double?
  init(from decoder: any Decoder) throws { value = try? decoder.singleValueContainer().decode(Double.self) }
}
