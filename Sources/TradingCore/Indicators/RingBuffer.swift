/// A first-in, first-out buffer of fixed capacity that overwrites its oldest element when full.
///
/// Its storage is reserved once, at `init`, so appending never allocates: rolling indicators
/// (`SMA`, `RollingVolatility`) keep their window in one and the pattern engine keeps each
/// symbol's recent signals in one. Elements are indexed oldest first, `0..<count`.
public struct RingBuffer<Element>: RandomAccessCollection {
  /// The most elements the buffer holds.
  public let capacity: Int
  @usableFromInline var storage: ContiguousArray<Element>
  /// Where in `storage` the oldest element sits once the buffer has wrapped around.
  @usableFromInline var oldest: Int

  /// An empty buffer that keeps at most `capacity` elements.
  public init(capacity: Int) {
    precondition(capacity > 0, "RingBuffer: capacity must be positive, got \(capacity)")
    self.capacity = capacity
    storage = []
    storage.reserveCapacity(capacity)
    oldest = 0
  }

  @inlinable public var startIndex: Int { 0 }
  @inlinable public var endIndex: Int { storage.count }
  /// Whether the next `append` evicts the oldest element.
  @inlinable public var isFull: Bool { storage.count == capacity }

  /// The element `position` places after the oldest one.
  @inlinable public subscript(position: Int) -> Element {
    precondition(position >= 0 && position < storage.count, "RingBuffer: index \(position) out of range")
    let physical = oldest + position
    return storage[physical < capacity ? physical : physical - capacity]
  }

  /// Appends `element`; when the buffer is full, overwrites the oldest element and returns it.
  @inlinable @discardableResult public mutating func append(_ element: Element) -> Element? {
    guard storage.count == capacity else {
      storage.append(element)
      return nil
    }
    let evicted = storage[oldest]
    storage[oldest] = element
    oldest = oldest + 1 == capacity ? 0 : oldest + 1
    return evicted
  }

  /// Empties the buffer and keeps its storage.
  public mutating func removeAll() {
    storage.removeAll(keepingCapacity: true)
    oldest = 0
  }
}

extension RingBuffer: Sendable where Element: Sendable {}
