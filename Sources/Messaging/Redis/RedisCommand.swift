import NIOCore

/// One command ready to send: its arguments encoded once, by the caller, as a RESP array of bulk
/// strings (`*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n`), which is how clients speak to Redis in
/// both protocol versions. Encoding off the event loop keeps the loop free for I/O.
public struct RedisCommand: Sendable, CustomStringConvertible {
  /// The command's name as given (`XADD`), for errors and logs; arguments are left out of those
  /// because they may hold secrets (`AUTH`) or be large.
  public let name: String
  /// The whole command in RESP.
  public let encoded: ByteBuffer

  /// A command from its name and arguments, each sent as its UTF-8 bytes.
  public init(_ name: String, _ arguments: [String]) {
    self.name = name
    var buffer = ByteBufferAllocator().buffer(capacity: Self.encodedSize(name, arguments))
    buffer.writeStaticString("*")
    buffer.writeString(String(arguments.count + 1))
    buffer.writeStaticString("\r\n")
    Self.writeBulk(name, into: &buffer)
    for argument in arguments { Self.writeBulk(argument, into: &buffer) }
    self.encoded = buffer
  }

  /// A command from its name and arguments written out: `RedisCommand("XLEN", "ticks")`.
  public init(_ name: String, _ arguments: String...) {
    self.init(name, arguments)
  }

  public var description: String { name }

  private static func writeBulk(_ argument: String, into buffer: inout ByteBuffer) {
    buffer.writeStaticString("$")
    buffer.writeString(String(argument.utf8.count))
    buffer.writeStaticString("\r\n")
    buffer.writeString(argument)
    buffer.writeStaticString("\r\n")
  }

  /// An upper bound good enough to allocate once: each bulk header is at most 16 bytes.
  private static func encodedSize(_ name: String, _ arguments: [String]) -> Int {
    arguments.reduce(16 + name.utf8.count + 16) { $0 + $1.utf8.count + 16 }
  }
}
