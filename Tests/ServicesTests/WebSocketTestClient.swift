import Hummingbird
import HummingbirdWSClient
import Logging
import Synchronization

/// A real WebSocket client of `/ws` that records what it receives, for polling from tests.
///
/// With a `readGate`, it reads nothing from the socket until the gate opens, which is how a
/// test plays a slow client. Messages over 1 KiB are counted but not kept.
final class WebSocketTestClient: Sendable {
  private struct State {
    var texts: [String] = []
    var receivedCount = 0
    var outbound: WebSocketOutboundWriter?
    var closeFrame: WebSocketCloseFrame?
    var failure: String?
    var finished = false
  }

  private let state = Mutex(State())
  private let connection = Mutex<Task<Void, Never>?>(nil)

  init(port: Int, readGate: AsyncStream<Void>? = nil) {
    let task = Task { [self] in
      do {
        let closeFrame = try await WebSocketClient.connect(
          url: "ws://127.0.0.1:\(port)/ws", configuration: WebSocketClientConfiguration(maxFrameSize: 1 << 20),
          logger: quietLogger("ws-client")
        ) { inbound, outbound, _ in
          self.state.withLock { $0.outbound = outbound }
          if let readGate {
            for await _ in readGate { break }
          }
          for try await message in inbound.messages(maxSize: 1 << 20) {
            guard case .text(let text) = message else { continue }
            self.state.withLock { state in
              state.receivedCount += 1
              if text.utf8.count <= 1_024 { state.texts.append(text) }
            }
          }
        }
        state.withLock { $0.closeFrame = closeFrame }
      } catch {
        state.withLock { $0.failure = "\(error)" }
      }
      state.withLock { $0.finished = true }
    }
    connection.withLock { $0 = task }
  }

  /// The text messages received so far (those up to 1 KiB).
  var texts: [String] { state.withLock { $0.texts } }
  /// How many text messages arrived.
  var receivedCount: Int { state.withLock { $0.receivedCount } }
  /// The server's close frame, once the connection has ended.
  var closeFrame: WebSocketCloseFrame? { state.withLock { $0.closeFrame } }
  /// Whether the connection has ended.
  var isFinished: Bool { state.withLock { $0.finished } }
  /// Why connecting or reading failed, if it did.
  var failure: String? { state.withLock { $0.failure } }
  /// Whether the upgrade has completed.
  var isOpen: Bool { state.withLock { $0.outbound != nil } }

  /// Sends a text message.
  func send(_ text: String) async throws {
    guard let outbound = state.withLock({ $0.outbound }) else { throw NotConnected() }
    try await outbound.write(.text(text))
  }

  /// Sends a binary message.
  func send(binary bytes: [UInt8]) async throws {
    guard let outbound = state.withLock({ $0.outbound }) else { throw NotConnected() }
    try await outbound.write(.binary(ByteBuffer(bytes: bytes)))
  }

  /// Closes normally and waits for the connection to end.
  func close() async {
    if let outbound = state.withLock({ $0.outbound }) {
      try? await outbound.close(.normalClosure, reason: nil)
    }
    await connection.withLock { $0 }?.value
  }

  /// Waits for the connection to end without closing it.
  func waitUntilFinished() async {
    await connection.withLock { $0 }?.value
  }

  struct NotConnected: Error {}
}
