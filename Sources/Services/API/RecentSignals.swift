import Foundation
import Hummingbird
import Persistence
import Synchronization
import TradingCore

/// The newest stored signals, kept in memory with their JSON already written, so that
/// `GET /api/signals` answers most pages without the store and without encoding anything.
///
/// It is a cache of the store, never a second source of truth: it holds every stored signal
/// whose id is at or above its oldest entry (`record` is called after each signal is stored,
/// and only the oldest entries are dropped), and answers a page only when that page, and the
/// knowledge of whether another follows, lie entirely inside what it holds. Otherwise `page`
/// answers nil and the listing reads the store. Pages are therefore the store's own pages:
/// same items, same order, same cursors.
///
/// Use it only in a process that writes every signal of its store itself (`aitrader run` on
/// its own SQLite file): a signal stored by another process would be missing from it.
public final class RecentSignals: Sendable {
  /// One signal and its JSON object as `GET /api/signals` shows it.
  struct Entry: Sendable {
    var id: TimeSortableID
    var symbol: String
    var magnitude: Double
    var json: [UInt8]
  }

  private struct State: Sendable {
    /// Ascending by id; `entries[start...]` are live, the slots before `start` are dropped
    /// entries not yet compacted away.
    var entries: [Entry] = []
    var start = 0
    /// Whether every stored signal is held: true until the first entry is dropped (or the
    /// store held more than `capacity` at `warm`).
    var complete = true
    /// Bodies already written since the last change, by query: a client polling the first page
    /// gets the same bytes again without a copy. Emptied whenever a signal is recorded.
    var written: [SignalQuery: ByteBuffer] = [:]

    var count: Int { entries.count - start }
  }

  /// The most entries held.
  public let capacity: Int
  private let state = Mutex(State())

  /// The least capacity: one page of the largest size (100) and the item after it.
  public static let smallestCapacity = 101

  public init(capacity: Int = 10_000) {
    precondition(capacity >= Self.smallestCapacity, "a cache must hold at least one full page and the item after it")
    self.capacity = capacity
  }

  /// Fills the cache with the store's newest signals; call it before anything is recorded.
  public func warm(from store: any SignalStore) async throws {
    let page = try await store.signals(SignalQuery(limit: capacity))
    let entries = try page.items.reversed().map(Self.entry(for:))
    state.withLock { state in
      state = State(entries: entries, start: 0, complete: page.nextCursor == nil)
    }
  }

  /// Adds a signal that has just been stored; a signal already held is replaced.
  public func record(_ signal: Signal) {
    guard let entry = try? Self.entry(for: signal) else { return }
    state.withLock { state in
      state.written.removeAll(keepingCapacity: true)
      let position = Self.firstIndex(notBelow: entry.id, in: state)
      if position < state.entries.count, state.entries[position].id == entry.id {
        state.entries[position] = entry
        return
      }
      // Older than everything held while something older was dropped: the store alone has it,
      // and the cache stays complete above its oldest entry.
      if position == state.start, !state.complete, state.count > 0 { return }
      state.entries.insert(entry, at: position)
      if state.count > capacity {
        state.start += 1
        state.complete = false
        if state.start >= capacity / 2 {
          state.entries.removeFirst(state.start)
          state.start = 0
        }
      }
    }
  }

  /// How many signals are held.
  public var count: Int { state.withLock { $0.count } }

  /// The page of `query` as the store would answer it, as a `{items, next_cursor}` JSON body;
  /// nil when the cache does not hold all of it. A bad cursor throws `StoreError.invalidCursor`.
  public func page(_ query: SignalQuery) throws(StoreError) -> ByteBuffer? {
    guard query.limit >= 1, query.limit < capacity else { return nil }
    let below = try query.cursorID()
    return state.withLock { state -> ByteBuffer? in
      if let body = state.written[query] { return body }
      var index = below.map { Self.firstIndex(notBelow: $0, in: state) } ?? state.entries.count
      var chosen: [Int] = []
      chosen.reserveCapacity(query.limit + 1)
      while index > state.start, chosen.count <= query.limit {
        index -= 1
        let entry = state.entries[index]
        if let symbol = query.symbol, entry.symbol != symbol { continue }
        if let minimum = query.minimumScore, entry.magnitude < minimum { continue }
        chosen.append(index)
      }
      let hasNext = chosen.count > query.limit
      // Ran out of entries with room left: only a complete cache knows that no page follows.
      guard hasNext || state.complete else { return nil }
      let items = chosen.prefix(query.limit)
      let nextCursor = hasNext ? items.last.map { SignalQuery.cursor(after: state.entries[$0].id) } : nil
      var body = ByteBuffer()
      body.reserveCapacity(items.reduce(64) { $0 + state.entries[$1].json.count + 1 })
      body.writeStaticString("{\"items\":[")
      for (position, index) in items.enumerated() {
        if position > 0 { body.writeInteger(UInt8(ascii: ",")) }
        body.writeBytes(state.entries[index].json)
      }
      body.writeStaticString("],\"next_cursor\":")
      if let nextCursor {
        // Base64url text: nothing in it needs escaping.
        body.writeInteger(UInt8(ascii: "\""))
        body.writeString(nextCursor)
        body.writeInteger(UInt8(ascii: "\""))
      } else {
        body.writeStaticString("null")
      }
      body.writeInteger(UInt8(ascii: "}"))
      if state.written.count >= Self.writtenLimit { state.written.removeAll(keepingCapacity: true) }
      state.written[query] = body
      return body
    }
  }

  /// The most bodies kept between two changes.
  private static let writtenLimit = 64

  /// The index of the first live entry whose id is not below `id` (`entries.count` if none).
  private static func firstIndex(notBelow id: TimeSortableID, in state: State) -> Int {
    var low = state.start
    var high = state.entries.count
    // Signals arrive newest last: check the end before searching.
    if let last = state.entries.last, last.id < id { return high }
    while low < high {
      let middle = (low + high) / 2
      if state.entries[middle].id < id { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// One encoder for every entry: the same JSON the listing writes for a signal.
  private static let encoder = JSONEncoder()

  private static func entry(for signal: Signal) throws -> Entry {
    Entry(
      id: signal.id, symbol: signal.symbol, magnitude: signal.score.magnitude,
      json: Array(try encoder.encode(TradingViews.SignalView(signal: signal))))
  }
}
