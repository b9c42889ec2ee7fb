/// The last `capacity` signal ids decided, with the order each produced, so that a signal
/// delivered again (the event bus delivers at least once) is answered without deciding anew.
///
/// Bounded: the oldest id is forgotten when a new one arrives at capacity. A signal redelivered
/// after that is decided again, and any order it makes carries the same `OrderID(signal:)`,
/// which execution and the store deduplicate.
struct RecentDecisions: Sendable {
  /// The order decided for a remembered signal, or nil when none was made.
  struct Entry: Sendable, Hashable {
    var decision: OrderDecision?
  }

  let capacity: Int
  private var entries: [TimeSortableID: Entry]
  /// Remembered ids in arrival order, as a ring; `oldest` is the next slot to overwrite.
  private var arrivals: [TimeSortableID] = []
  private var oldest = 0

  init(capacity: Int) {
    precondition(capacity > 0, "remember at least one signal")
    self.capacity = capacity
    entries = Dictionary(minimumCapacity: capacity)
    arrivals.reserveCapacity(capacity)
  }

  func entry(for signalID: TimeSortableID) -> Entry? { entries[signalID] }

  mutating func record(_ signalID: TimeSortableID, decision: OrderDecision?) {
    guard entries.updateValue(Entry(decision: decision), forKey: signalID) == nil else { return }
    if arrivals.count < capacity {
      arrivals.append(signalID)
      return
    }
    entries.removeValue(forKey: arrivals[oldest])
    arrivals[oldest] = signalID
    oldest = (oldest + 1) % capacity
  }
}
