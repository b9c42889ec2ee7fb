/// Reading typed values out of replies, each failing with `RedisClientError.unexpectedReply`
/// naming the command, so a reply of a shape we did not expect is reported rather than misread.
struct ReplyDecoder {
  let command: String

  func unexpected(_ reply: RESPValue) -> RedisClientError {
    .unexpectedReply(command: command, reply: reply.description)
  }

  func integer(_ reply: RESPValue) throws(RedisClientError) -> Int {
    guard let value = reply.integer, let integer = Int(exactly: value) else { throw unexpected(reply) }
    return integer
  }

  func string(_ reply: RESPValue) throws(RedisClientError) -> String {
    guard let value = reply.string else { throw unexpected(reply) }
    return value
  }

  func id(_ reply: RESPValue) throws(RedisClientError) -> StreamEntryID {
    if case .bulkString(let bytes) = reply {
      guard let id = StreamEntryID(utf8: bytes.readableBytesView) else { throw unexpected(reply) }
      return id
    }
    guard let text = reply.string, let id = StreamEntryID(text) else { throw unexpected(reply) }
    return id
  }

  /// An id, or nil for a null reply.
  func optionalID(_ reply: RESPValue) throws(RedisClientError) -> StreamEntryID? {
    reply.isNull ? nil : try id(reply)
  }

  func array(_ reply: RESPValue) throws(RedisClientError) -> [RESPValue] {
    guard let elements = reply.elements else { throw unexpected(reply) }
    return elements
  }

  /// An array, or empty for a null reply (Redis answers "nothing" with either).
  func arrayOrEmpty(_ reply: RESPValue) throws(RedisClientError) -> [RESPValue] {
    reply.isNull ? [] : try array(reply)
  }

  func dictionary(_ reply: RESPValue) throws(RedisClientError) -> [String: RESPValue] {
    guard let dictionary = reply.dictionary else { throw unexpected(reply) }
    return dictionary
  }

  /// `[id, [field, value, …]]`; nil for an entry deleted since it was delivered (`[id, null]`),
  /// which only a read of history, never of new entries, returns.
  func entry(_ reply: RESPValue) throws(RedisClientError) -> RedisStreamEntry? {
    if reply.isNull { return nil }
    let parts = try array(reply)
    guard parts.count == 2 else { throw unexpected(reply) }
    if parts[1].isNull { return nil }
    var fields: [String: String] = [:]
    if let flat = parts[1].elements, flat.count.isMultiple(of: 2) {
      // The usual shape, field value field value …: read in place, without pairing it first.
      fields.reserveCapacity(flat.count / 2)
      for index in stride(from: 0, to: flat.count, by: 2) {
        fields[try string(flat[index])] = try string(flat[index + 1])
      }
    } else {
      guard let pairs = parts[1].pairs else { throw unexpected(reply) }
      for pair in pairs { fields[try string(pair.key)] = try string(pair.value) }
    }
    return RedisStreamEntry(id: try id(parts[0]), fields: fields)
  }

  func entries(_ reply: RESPValue) throws(RedisClientError) -> [RedisStreamEntry] {
    var entries: [RedisStreamEntry] = []
    for element in try arrayOrEmpty(reply) {
      if let entry = try entry(element) { entries.append(entry) }
    }
    return entries
  }

  /// A value that is absent before Redis 7, or null when Redis cannot compute it.
  func optionalInteger(_ reply: RESPValue?) throws(RedisClientError) -> Int? {
    guard let reply, !reply.isNull else { return nil }
    return try integer(reply)
  }
}
