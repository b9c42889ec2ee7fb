import Messaging
import TradingCore

/// Reads `system:heartbeat` (in a consumer group of this process's own, from now on, taking each
/// beat as acknowledged on delivery: a beat is superseded by the next) and keeps
/// each instance's latest beat, so that `/api/status` knows every live instance of a component
/// and sees the ones that stopped beating.
///
/// An instance is alive while its latest beat arrived less than `missedBeats` of its own
/// intervals ago, by this process's clock (so clocks of other machines do not matter); one
/// silent longer is dead, and is forgotten after `forgetAfter`.
public actor HeartbeatMonitor {
  /// An instance as the monitor knows it.
  public struct Instance: Sendable, Hashable {
    public var beat: Heartbeat
    public var receivedAt: ContinuousClock.Instant
    /// Seconds since the latest beat arrived.
    public var silentSeconds: Double
    public var alive: Bool
  }

  private let bus: any EventBus
  private let reading: BusConsumer
  private let missedBeats: Int
  private let forgetAfter: Duration
  private var latest: [String: (beat: Heartbeat, receivedAt: ContinuousClock.Instant)] = [:]
  private var stopRequested = false
  public private(set) var malformedBeats = 0

  /// - Parameter group: this process's own consumer group on `system:heartbeat`.
  public init(bus: any EventBus, group: String, missedBeats: Int = 3, forgetAfter: Duration = .seconds(600)) {
    self.bus = bus
    self.missedBeats = missedBeats
    self.forgetAfter = forgetAfter
    reading = BusConsumer(
      stream: .systemHeartbeat, group: group, consumer: group, block: .milliseconds(200), startAt: .newOnly,
      groupIsOwn: true, acknowledgedOnDelivery: true)
  }

  /// Reads beats until `finish()` is called, or the task is cancelled.
  public func run() async throws {
    try await reading.run(on: bus, shouldStop: { await self.stopRequested }, handle: { await self.handle($0) })
  }

  public func finish() { stopRequested = true }

  /// Records a beat (the reader's path; tests call it directly).
  public func record(_ beat: Heartbeat, at instant: ContinuousClock.Instant = .now) {
    latest[beat.instance] = (beat, instant)
  }

  /// The instances of `component` seen within `forgetAfter`, by instance name.
  public func instances(of component: String, now: ContinuousClock.Instant = .now) -> [Instance] {
    latest = latest.filter { now - $0.value.receivedAt < forgetAfter }
    return latest.values.filter { $0.beat.component == component }
      .map { beat, receivedAt in
        let silent = now - receivedAt
        return Instance(
          beat: beat, receivedAt: receivedAt, silentSeconds: silent / .seconds(1),
          alive: silent < beat.interval * missedBeats)
      }
      .sorted { $0.beat.instance < $1.beat.instance }
  }

  private func handle(_ message: BusMessage) -> HandlingOutcome {
    do {
      record(try Heartbeat(busFields: message.fields))
    } catch {
      malformedBeats += 1
    }
    return .done
  }
}
