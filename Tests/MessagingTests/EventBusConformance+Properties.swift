import Messaging
import Testing
import TradingCore

/// "The bus never loses an acknowledged-or-pending message" (STYLE.md §5), checked against a model
/// over seeded random interleavings of publish, read, acknowledge, claim and the passing of time.
extension EventBusConformance {
  /// Where the model says a published entry is, for the one group under test.
  private enum ModelState: Equatable {
    case undelivered
    case pending(consumer: String, deliveries: Int)
    case acknowledged
  }

  private static let consumers = ["c0", "c1", "c2"]

  static func noEntryIsLostUnderRandomInterleavings(_ makeFixture: EventBusFactory) async throws {
    for seed in UInt64(1)...12 {
      try await checkRandomInterleaving(seed: seed, operations: 400, fixture: makeFixture())
    }
  }

  private static func checkRandomInterleaving(seed: UInt64, operations: Int, fixture: EventBusFixture) async throws {
    let (bus, stream, group) = (fixture.bus, fixture.stream("property-\(seed)"), "g")
    try await bus.createGroup(stream: stream, group: group, startAt: .beginning)
    var random = SplitMix64(seed: seed)
    var published: [StreamEntryID] = []
    var model: [StreamEntryID: ModelState] = [:]
    func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }

    for _ in 0..<operations {
      switch random.next() % 10 {
      case 0...2:
        let id = try await bus.publish(to: stream, fields: ["seed": String(seed)], trim: roomyTrim)
        #expect(published.last.map { $0 < id } ?? true, "seed \(seed): ids increase")
        published.append(id)
        model[id] = .undelivered
      case 3...4:
        let consumer = pick(consumers)
        let count = Int(random.next() % 4) + 1
        for message in try await bus.read(stream: stream, group: group, consumer: consumer, count: count, block: nil) {
          #expect(model[message.id] == .undelivered, "seed \(seed): read delivers only new entries")
          model[message.id] = .pending(consumer: consumer, deliveries: 1)
        }
      case 5...6 where !published.isEmpty:
        let ids = Array(Set((0..<Int(random.next() % 3) + 1).map { _ in pick(published) }))
        let wasPending = ids.filter { if case .pending = model[$0] { true } else { false } }
        let acknowledged = try await bus.acknowledge(stream: stream, group: group, ids: ids)
        #expect(acknowledged == wasPending.count, "seed \(seed): only pending entries are acknowledged, once")
        for id in wasPending { model[id] = .acknowledged }
      case 7:
        let consumer = pick(consumers)
        let claimed = try await bus.claimIdle(
          stream: stream, group: group, consumer: consumer, minIdle: .milliseconds(20),
          count: Int(random.next() % 4) + 1)
        #expect(claimed.map(\.id) == claimed.map(\.id).sorted(), "seed \(seed): claims go oldest first")
        for message in claimed {
          guard case .pending(_, let deliveries) = model[message.id] else {
            Issue.record("seed \(seed): claimed \(message.id), which is not pending")
            continue
          }
          model[message.id] = .pending(consumer: consumer, deliveries: deliveries + 1)
        }
      case 8:
        try await fixture.advanceTime(.milliseconds(Int64(random.next() % 30)))
      default:
        let pendingCount = model.values.filter { if case .pending = $0 { true } else { false } }.count
        #expect(try await bus.pending(stream: stream, group: group).count == pendingCount, "seed \(seed)")
      }
    }
    try await reconcile(bus: bus, stream: stream, group: group, published: published, model: model, seed: seed)
  }

  /// Every published entry is exactly one of: acknowledged (and acknowledging it again finds
  /// nothing), pending with the model's consumer and delivery count, or still undelivered.
  private static func reconcile(
    bus: any EventBus, stream: StreamName, group: String, published: [StreamEntryID],
    model: [StreamEntryID: ModelState], seed: UInt64
  ) async throws {
    let pendingRows = try await bus.pendingEntries(stream: stream, group: group, count: published.count + 1)
    var busPending: [StreamEntryID: ModelState] = [:]
    for row in pendingRows { busPending[row.id] = .pending(consumer: row.consumer, deliveries: row.deliveryCount) }
    #expect(busPending == model.filter { if case .pending = $0.value { true } else { false } }, "seed \(seed)")

    let undelivered = try await readAll(stream, group: group, consumer: "drain", on: bus)
    #expect(undelivered.map(\.id) == published.filter { model[$0] == .undelivered }, "seed \(seed)")

    let acknowledged = published.filter { model[$0] == .acknowledged }
    #expect(try await bus.acknowledge(stream: stream, group: group, ids: acknowledged) == 0, "seed \(seed)")
    #expect(acknowledged.count + busPending.count + undelivered.count == published.count, "seed \(seed)")
  }
}
