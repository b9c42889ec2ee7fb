import NIOCore

/// One batch of commands written together, with the promise for their replies in order.
struct RedisRequest {
  /// The commands, already encoded, back to back.
  var encoded: ByteBuffer
  var replyCount: Int
  /// What the commands were, for errors: `XADD`, or `pipeline of 3 (XADD, XADD, XLEN)`.
  var label: String
  var timeout: Duration
  var promise: EventLoopPromise<[RESPValue]>
}

/// Pairs replies with requests on one connection. Redis answers the commands of a connection in
/// the order they were sent, so each reply belongs to the oldest request still waiting: that is
/// all the bookkeeping pipelining needs.
///
/// The connection is given up — closed, with every waiting request failed — on invalid bytes, an
/// unsolicited reply, or a request that outlived its timeout. In each of these the stream of
/// replies can no longer be trusted to line up with the requests, and a fresh connection is the
/// only safe cure (the client reconnects by itself).
///
/// RESP3 push messages (`>`) are skipped: they are out of band, and this client subscribes to
/// nothing.
final class RedisChannelHandler: ChannelDuplexHandler {
  typealias InboundIn = ByteBuffer
  typealias OutboundIn = RedisRequest
  typealias OutboundOut = ByteBuffer

  private struct Waiting {
    var serial: UInt64
    var label: String
    var timeout: Duration
    var replyCount: Int
    var promise: EventLoopPromise<[RESPValue]>
    var timer: Scheduled<Void>?
  }

  /// A request whose replies have all arrived.
  private struct Answered {
    var promise: EventLoopPromise<[RESPValue]>
    var timer: Scheduled<Void>?
    var replies: [RESPValue]
  }

  /// Everything the handler changes, in one value: a read mutates it in one exclusive access
  /// instead of one per reply and per field.
  private struct State {
    var parser: RESPParser
    var waiting = CircularBuffer<Waiting>()
    /// The replies of the oldest waiting request received so far (kept apart from its `Waiting`:
    /// appending through the buffer's subscript would copy the array on every reply).
    var gathered: [RESPValue] = []
    var nextSerial: UInt64 = 0
    /// Set once the connection is given up: later writes fail at once.
    var isGivenUp = false

    /// What went wrong in a read, if anything.
    enum ReadProblem {
      case unexpected(RESPValue)
      case malformed(RESPParseError)
    }

    /// Parses `bytes` and pairs every complete reply with the oldest waiting request; requests
    /// whose replies are all in go to `answered`, in order.
    mutating func read(_ bytes: ByteBuffer, answered: inout [Answered]) -> ReadProblem? {
      parser.append(bytes)
      do {
        while let reply = try parser.next() {
          if case .push = reply { continue }
          guard let oldest = waiting.first else { return .unexpected(reply) }
          gathered.append(reply)
          guard gathered.count == oldest.replyCount else { continue }
          waiting.removeFirst()
          answered.append(Answered(promise: oldest.promise, timer: oldest.timer, replies: gathered))
          gathered = []
          if let next = waiting.first { gathered.reserveCapacity(min(next.replyCount, 4_096)) }
        }
        return nil
      } catch {
        return .malformed(error)
      }
    }

    /// Marks the connection given up and hands back every request that was waiting.
    mutating func abandonAll() -> CircularBuffer<Waiting> {
      isGivenUp = true
      let abandoned = waiting
      waiting.removeAll()
      gathered = []
      return abandoned
    }
  }

  private var state: State

  init(limits: RESPParserLimits) {
    state = State(parser: RESPParser(limits: limits))
  }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    let request = unwrapOutboundIn(data)
    if state.isGivenUp {
      request.promise.fail(RedisClientError.connectionLost(command: request.label))
      promise?.fail(RedisClientError.connectionLost(command: request.label))
      return
    }
    state.nextSerial += 1
    let serial = state.nextSerial
    let timer = context.eventLoop.assumeIsolated().scheduleTask(in: Self.timeAmount(request.timeout)) {
      self.requestTimedOut(serial: serial, context: context)
    }
    if state.waiting.isEmpty { state.gathered.reserveCapacity(min(request.replyCount, 4_096)) }
    state.waiting.append(
      Waiting(
        serial: serial, label: request.label, timeout: request.timeout, replyCount: request.replyCount,
        promise: request.promise, timer: timer))
    context.write(wrapOutboundOut(request.encoded), promise: promise)
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    guard !state.isGivenUp else { return }
    var answered: [Answered] = []
    let problem = state.read(unwrapInboundIn(data), answered: &answered)
    for request in answered {
      request.timer?.cancel()
      request.promise.succeed(request.replies)
    }
    switch problem {
    case nil:
      break
    case .unexpected(let reply):
      giveUp(context: context, culprit: nil, reason: .unexpectedReply(command: "(nothing)", reply: reply.description))
    case .malformed(let error):
      giveUp(context: context, culprit: state.waiting.first?.serial, reason: .protocolViolation(error))
    }
  }

  func channelInactive(context: ChannelHandlerContext) {
    fail(state.abandonAll(), culprit: nil, reason: nil)
    context.fireChannelInactive()
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    giveUp(context: context, culprit: nil, reason: nil)
  }

  private func requestTimedOut(serial: UInt64, context: ChannelHandlerContext) {
    guard let late = state.waiting.first(where: { $0.serial == serial }) else { return }
    giveUp(context: context, culprit: serial, reason: .timedOut(command: late.label, after: late.timeout))
  }

  /// Closes the connection, then fails everything that was waiting. Closing first matters: by the
  /// time a caller sees its error the channel is inactive, so the command it sends next goes to
  /// a new connection rather than to this one.
  private func giveUp(context: ChannelHandlerContext, culprit: UInt64?, reason: RedisClientError?) {
    let abandoned = state.abandonAll()
    context.close(promise: nil)
    fail(abandoned, culprit: culprit, reason: reason)
  }

  /// The request `culprit` fails with `reason` (what went wrong with it); the others were merely
  /// caught up in it and fail with `connectionLost`.
  private func fail(_ abandoned: CircularBuffer<Waiting>, culprit: UInt64?, reason: RedisClientError?) {
    for entry in abandoned {
      entry.timer?.cancel()
      let error =
        entry.serial == culprit
        ? (reason ?? .connectionLost(command: entry.label)) : .connectionLost(command: entry.label)
      entry.promise.fail(error)
    }
  }

  static func timeAmount(_ duration: Duration) -> TimeAmount {
    let (seconds, attoseconds) = duration.components
    let (nanoseconds, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
    return overflow ? .hours(24 * 365) : .nanoseconds(nanoseconds + attoseconds / 1_000_000_000)
  }
}
