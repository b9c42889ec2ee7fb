/// One consumer group of a stream: how far it has read, and what it was given but has not
/// acknowledged yet (its pending entries list), with the semantics of Redis consumer groups
/// (https://redis.io/docs/latest/develop/data-types/streams/#consumer-groups).
struct ConsumerGroupState {
  /// Who holds a pending entry, how often it was delivered, and when last.
  struct Delivery {
    var consumer: String
    var deliveryCount: Int
    var lastDeliveryMilliseconds: Int64
  }

  /// Entries up to here were given to some consumer; a read (`>`) delivers those after it.
  private(set) var lastDeliveredID: StreamEntryID
  /// The pending entries list. Entries leave it only by acknowledgement (or by a claim finding
  /// them trimmed), so its size is bounded by what consumers hold unacknowledged.
  private(set) var pendingByID: [StreamEntryID: Delivery] = [:]

  init(lastDeliveredID: StreamEntryID) {
    self.lastDeliveredID = lastDeliveredID
  }

  /// Records entries as delivered to `consumer` for the first time.
  mutating func recordFirstDelivery(of ids: some Sequence<StreamEntryID>, to consumer: String, nowMilliseconds: Int64) {
    for id in ids {
      pendingByID[id] = Delivery(consumer: consumer, deliveryCount: 1, lastDeliveryMilliseconds: nowMilliseconds)
      lastDeliveredID = max(lastDeliveredID, id)
    }
  }

  /// Records entries up to `id` as delivered and acknowledged at once (`NOACK`): nothing pending.
  mutating func recordDeliveredWithoutPending(upTo id: StreamEntryID) {
    lastDeliveredID = max(lastDeliveredID, id)
  }

  /// Removes `ids` from the pending list and returns how many were in it.
  mutating func acknowledge(_ ids: [StreamEntryID]) -> Int {
    ids.reduce(0) { acknowledged, id in
      pendingByID.removeValue(forKey: id) == nil ? acknowledged : acknowledged + 1
    }
  }

  /// The pending ids idle for at least `minIdleMilliseconds`, smallest first. Like Redis, an
  /// entry whose idle time equals the minimum qualifies.
  func idleIDs(minIdleMilliseconds: Int64, nowMilliseconds: Int64) -> [StreamEntryID] {
    pendingByID
      .filter { nowMilliseconds - $0.value.lastDeliveryMilliseconds >= minIdleMilliseconds }
      .keys.sorted()
  }

  /// Hands a pending entry to `consumer` again: it counts one more delivery and its idle time
  /// starts over.
  mutating func recordRedelivery(of id: StreamEntryID, to consumer: String, nowMilliseconds: Int64) {
    pendingByID[id]?.consumer = consumer
    pendingByID[id]?.deliveryCount += 1
    pendingByID[id]?.lastDeliveryMilliseconds = nowMilliseconds
  }

  /// Forgets a pending entry whose stream entry was trimmed: it can never be delivered again.
  mutating func dropPending(_ id: StreamEntryID) {
    pendingByID.removeValue(forKey: id)
  }

  func summary(nowMilliseconds: Int64) -> PendingSummary {
    var consumers: [String: Int] = [:]
    for delivery in pendingByID.values { consumers[delivery.consumer, default: 0] += 1 }
    let oldest = pendingByID.min { $0.key < $1.key }
    return PendingSummary(
      count: pendingByID.count, oldestID: oldest?.key,
      oldestIdle: oldest.map { idle(of: $0.value, nowMilliseconds: nowMilliseconds) }, consumers: consumers)
  }

  func pendingEntries(count: Int, nowMilliseconds: Int64) -> [PendingEntry] {
    pendingByID.keys.sorted().prefix(count).map { id in
      let delivery = pendingByID[id]!
      return PendingEntry(
        id: id, consumer: delivery.consumer, idle: idle(of: delivery, nowMilliseconds: nowMilliseconds),
        deliveryCount: delivery.deliveryCount)
    }
  }

  /// Never negative, even if the clock went back since the delivery (Redis clamps the same way).
  private func idle(of delivery: Delivery, nowMilliseconds: Int64) -> Duration {
    .milliseconds(max(0, nowMilliseconds - delivery.lastDeliveryMilliseconds))
  }
}
