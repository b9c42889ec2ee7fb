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
    var remaining: Int
    var replies: [RESPValue]
    var promise: EventLoopPromise<[RESPValue]>
    var timer: Scheduled<Void>?
  }

  private var parser: RESPParser
  private var waiting = CircularBuffer<Waiting>()
  private var nextSerial: UInt64 = 0
  /// Set once the connection is given up: later writes fail at once.
  private var isGivenUp = false

  init(limits: RESPParserLimits) {
    self.parser = RESPParser(limits: limits)
  }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    let request = unwrapOutboundIn(data)
    if isGivenUp {
      request.promise.fail(RedisClientError.connectionLost(command: request.label))
      promise?.fail(RedisClientError.connectionLost(command: request.label))
      return
    }
    nextSerial += 1
    let serial = nextSerial
    let timer = context.eventLoop.assumeIsolated().scheduleTask(in: Self.timeAmount(request.timeout)) {
      self.requestTimedOut(serial: serial, context: context)
    }
    var entry = Waiting(
      serial: serial, label: request.label, timeout: request.timeout, remaining: request.replyCount, replies: [],
      promise: request.promise, timer: timer)
    entry.replies.reserveCapacity(min(request.replyCount, 4_096))
    waiting.append(entry)
    context.write(wrapOutboundOut(request.encoded), promise: promise)
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    guard !isGivenUp else { return }
    parser.append(unwrapInboundIn(data))
    do {
      while let reply = try parser.next() {
        if case .push = reply { continue }
        guard !waiting.isEmpty else {
          giveUp(
            context: context, culprit: nil, reason: .unexpectedReply(command: "(nothing)", reply: reply.description))
          return
        }
        deliver(reply)
      }
    } catch {
      giveUp(context: context, culprit: waiting.first?.serial, reason: .protocolViolation(error))
    }
  }

  func channelInactive(context: ChannelHandlerContext) {
    failAll(culprit: nil, reason: nil)
    context.fireChannelInactive()
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    giveUp(context: context, culprit: nil, reason: nil)
  }

  private func deliver(_ reply: RESPValue) {
    let oldest = waiting.startIndex
    waiting[oldest].replies.append(reply)
    waiting[oldest].remaining -= 1
    guard waiting[oldest].remaining == 0 else { return }
    let done = waiting.removeFirst()
    done.timer?.cancel()
    done.promise.succeed(done.replies)
  }

  private func requestTimedOut(serial: UInt64, context: ChannelHandlerContext) {
    guard let late = waiting.first(where: { $0.serial == serial }) else { return }
    giveUp(context: context, culprit: serial, reason: .timedOut(command: late.label, after: late.timeout))
  }

  /// Closes the connection, then fails everything that was waiting. Closing first matters: by the
  /// time a caller sees its error the channel is inactive, so the command it sends next goes to
  /// a new connection rather than to this one.
  private func giveUp(context: ChannelHandlerContext, culprit: UInt64?, reason: RedisClientError?) {
    isGivenUp = true
    let abandoned = waiting
    waiting.removeAll()
    context.close(promise: nil)
    fail(abandoned, culprit: culprit, reason: reason)
  }

  private func failAll(culprit: UInt64?, reason: RedisClientError?) {
    isGivenUp = true
    let abandoned = waiting
    waiting.removeAll()
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
