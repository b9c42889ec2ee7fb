/// One stream's entries in memory: append-only, ids strictly increasing, trimmed from the front.
///
/// Entries live in an array whose live part starts at `firstLiveIndex`; trimming moves that index
/// and the dead prefix is compacted away once it is as long as the live part, so trimming costs
/// amortised O(1) per entry and memory stays within twice the live size.
struct StreamLog {
  struct Entry {
    var id: StreamEntryID
    var fields: [String: String]
  }

  private var entries: [Entry] = []
  private var firstLiveIndex = 0
  /// The last id handed out, kept when its entry is trimmed so that ids never repeat (Redis keeps
  /// the stream's `last-generated-id` for the same reason).
  private(set) var lastGeneratedID = StreamEntryID.zero

  var count: Int { entries.count - firstLiveIndex }

  /// Appends `fields` and returns the new id: the clock's millisecond with sequence 0, or, when
  /// the clock has not moved past the last id (same millisecond, or a clock that went back), the
  /// last id's successor. This is how Redis keeps ids increasing under any clock.
  mutating func append(fields: [String: String], nowMilliseconds: Int64) -> StreamEntryID {
    let clockID = StreamEntryID(milliseconds: UInt64(max(0, nowMilliseconds)), sequence: 0)
    let id = clockID > lastGeneratedID ? clockID : lastGeneratedID.successor
    entries.append(Entry(id: id, fields: fields))
    lastGeneratedID = id
    return id
  }

  /// Up to `limit` entries with ids greater than `id`, oldest first.
  func entries(after id: StreamEntryID, limit: Int) -> ArraySlice<Entry> {
    let start = firstIndex(after: id)
    return entries[start..<min(entries.count, start + limit)]
  }

  /// The live entry with exactly this id, if it was not trimmed.
  func entry(withID id: StreamEntryID) -> Entry? {
    let index = firstIndex(after: id) - 1
    guard index >= firstLiveIndex, entries[index].id == id else { return nil }
    return entries[index]
  }

  /// Live entries with ids greater than `id`.
  func countEntries(after id: StreamEntryID) -> Int { entries.count - firstIndex(after: id) }

  /// Drops the oldest entries that `policy` no longer allows.
  mutating func trim(by policy: StreamTrimPolicy, nowMilliseconds: Int64) {
    switch policy {
    case .maxLength(let maximum):
      firstLiveIndex = max(firstLiveIndex, entries.count - maximum)
    case .maxAge:
      guard let minimumID = policy.minimumID(nowMilliseconds: nowMilliseconds) else { return }
      firstLiveIndex = firstIndex(notBelow: minimumID)
    }
    compactIfMostlyTrimmed()
  }

  private mutating func compactIfMostlyTrimmed() {
    guard firstLiveIndex > 0, firstLiveIndex >= count else { return }
    entries.removeFirst(firstLiveIndex)
    firstLiveIndex = 0
  }

  /// Index of the first live entry with an id greater than `id` (binary search: ids are sorted).
  private func firstIndex(after id: StreamEntryID) -> Int {
    firstIndex { $0 > id }
  }

  /// Index of the first live entry with an id greater than or equal to `id`.
  private func firstIndex(notBelow id: StreamEntryID) -> Int {
    firstIndex { $0 >= id }
  }

  /// Index of the first live entry whose id satisfies `isPast`, which must be false then true
  /// along the sorted ids; `entries.count` when none does.
  private func firstIndex(where isPast: (StreamEntryID) -> Bool) -> Int {
    var low = firstLiveIndex
    var high = entries.count
    while low < high {
      let middle = (low + high) / 2
      if isPast(entries[middle].id) { high = middle } else { low = middle + 1 }
    }
    return low
  }
}
