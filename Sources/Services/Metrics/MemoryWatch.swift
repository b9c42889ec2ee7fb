import Logging
import ServiceLifecycle

/// Watches the process's resident memory: logs a warning when it rises above `limitBytes`
/// and a notice when it falls back under (once per crossing, not on every check).
struct MemoryWatch: Service {
  let limitBytes: Int
  let interval: Duration
  let logger: Logger

  func run() async throws {
    try? await cancelWhenGracefulShutdown {
      var above = false
      while !Task.isCancelled {
        if let bytes = ResidentMemory.currentBytes() {
          let megabytes = bytes >> 20
          if bytes > limitBytes, !above {
            logger.warning("resident memory \(megabytes) MiB is above the limit of \(limitBytes >> 20) MiB")
          } else if bytes <= limitBytes, above {
            logger.notice("resident memory \(megabytes) MiB is back under the limit of \(limitBytes >> 20) MiB")
          }
          above = bytes > limitBytes
        }
        try await Task.sleep(for: interval)
      }
    }
  }
}
