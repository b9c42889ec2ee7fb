import Messaging
import Services
import Testing
import TradingCore

/// The heartbeat's fields, the monitor's idea of alive and dead, and ticks on the bus.
@Suite struct HeartbeatTests {
  static let beat = Heartbeat(
    component: "strategy_engine", instance: "strategy-a", url: "http://10.0.0.5:8011", status: .degraded,
    timestamp: Timestamp(nanosecondsSinceEpoch: 1_764_000_000_123_456_789), interval: .milliseconds(500))

  @Test func aBeatCrossesTheBusUnchanged() throws {
    let fields = Self.beat.busFields
    #expect(fields["interval_ms"] == "500")
    #expect(fields["timestamp"] == "1764000000123456789")
    #expect(try Heartbeat(busFields: fields) == Self.beat)
  }

  @Test(arguments: [
    ("status", "sleepy"), ("timestamp", "1.5"), ("interval_ms", "0"), ("interval_ms", "-3"), ("instance", ""),
  ])
  func aBrokenBeatIsRefusedByField(field: String, value: String) {
    var fields = Self.beat.busFields
    fields[field] = value
    #expect(throws: BusFieldError.self) { try Heartbeat(busFields: fields) }
  }

  @Test func anInstanceIsDeadAfterThreeMissedBeatsAndForgottenLater() async {
    let monitor = HeartbeatMonitor(bus: InProcessEventBus(), group: "heartbeat-test", forgetAfter: .seconds(60))
    let start = ContinuousClock.now
    await monitor.record(Self.beat, at: start)
    var other = Self.beat
    other.instance = "strategy-b"
    await monitor.record(other, at: start + .seconds(1))
    var execution = Self.beat
    execution.component = "execution"
    execution.instance = "execution-1"
    await monitor.record(execution, at: start)

    // 1.4 s: a is 1.4 s silent (< 3 × 0.5 s), b 0.4 s.
    let early = await monitor.instances(of: "strategy_engine", now: start + .milliseconds(1_400))
    #expect(early.map(\.beat.instance) == ["strategy-a", "strategy-b"])
    #expect(early.map(\.alive) == [true, true])
    // 1.6 s: a has missed three beats; b has not.
    let later = await monitor.instances(of: "strategy_engine", now: start + .milliseconds(1_600))
    #expect(later.map(\.alive) == [false, true])
    #expect(abs(later[0].silentSeconds - 1.6) < 1e-9)
    // Past the forgetting time, a is gone and b (a second younger) is still listed, dead.
    let forgotten = await monitor.instances(of: "strategy_engine", now: start + .milliseconds(60_500))
    #expect(forgotten.map(\.beat.instance) == ["strategy-b"])
    #expect(forgotten.map(\.alive) == [false])
  }

  @Test func aTickCrossesTheBusExactly() throws {
    let tick = Tick(
      symbol: "AAPL", timestamp: Timestamp(nanosecondsSinceEpoch: 1_764_000_000_000_000_001),
      bid: Fixed("189.12345678")!, ask: Fixed("189.13")!, volume: Fixed("250.5")!)
    let fields = tick.busFields
    #expect(fields["bid"] == "189.12345678" && fields["ask"] == "189.13" && fields["volume"] == "250.5")
    #expect(try Tick(busFields: fields) == tick)
    var broken = fields
    broken["ask"] = "1e3"
    #expect(throws: BusFieldError.self) { try Tick(busFields: broken) }
    broken = fields
    broken["symbol"] = nil
    #expect(throws: BusFieldError.self) { try Tick(busFields: broken) }
  }
}
