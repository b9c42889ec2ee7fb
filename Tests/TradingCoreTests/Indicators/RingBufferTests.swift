import Testing

@testable import TradingCore

extension IndicatorTests {
  @Suite struct RingBufferTests {
    @Test func keepsTheNewestInOrder() {
      var ring = RingBuffer<Int>(capacity: 3)
      #expect(ring.append(1) == nil)
      #expect(ring.append(2) == nil)
      #expect(!ring.isFull)
      #expect(ring.append(3) == nil)
      #expect(ring.isFull)
      #expect(ring.append(4) == 1)
      #expect(ring.append(5) == 2)
      #expect(Array(ring) == [3, 4, 5])
      #expect(ring.first == 3 && ring.last == 5)
    }

    @Test func removeAllKeepsTheCapacity() {
      var ring = RingBuffer<Int>(capacity: 2)
      for value in 1...5 { ring.append(value) }
      ring.removeAll()
      #expect(ring.isEmpty)
      ring.append(9)
      #expect(Array(ring) == [9])
      #expect(ring.capacity == 2)
    }
  }
}
