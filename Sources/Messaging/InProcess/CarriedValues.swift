/// The values published with a stream's newest entries, waiting for the first read that delivers
/// each entry (`BusMessage.carried`).
///
/// Held oldest first; a group is given its entries in id order, so taking the value of an entry
/// drops every older one left (their entries were delivered before, without it). At most
/// `capacity` are held: a stream nobody reads keeps only its newest values, and an entry whose
/// value was dropped is decoded from its fields as on any other bus.
struct CarriedValues {
  private var items: [(id: StreamEntryID, value: any Sendable)] = []
  private var head = 0
  let capacity: Int

  init(capacity: Int = 10_000) {
    precondition(capacity > 0, "a capacity of at least one value")
    self.capacity = capacity
  }

  /// Values held now.
  var count: Int { items.count - head }

  /// Holds `value` for the entry `id`, newer than every id held; drops the oldest when full.
  mutating func append(_ value: any Sendable, for id: StreamEntryID) {
    items.append((id, value))
    if count > capacity { head += 1 }
    compactIfMostlyTaken()
  }

  /// The value of entry `id`, if still held; it and every older value are dropped.
  mutating func take(_ id: StreamEntryID) -> (any Sendable)? {
    while head < items.count, items[head].id < id { head += 1 }
    defer { compactIfMostlyTaken() }
    guard head < items.count, items[head].id == id else { return nil }
    head += 1
    return items[head - 1].value
  }

  private mutating func compactIfMostlyTaken() {
    guard head > 0, head >= count else { return }
    items.removeFirst(head)
    head = 0
  }
}
