import Logging
import ServiceLifecycle

/// Watches the process's resident memory: logs a warning when it rises above `limitBytes`
/// and a notice when it falls back under (once per crossing, not on every check).
struct MemoryWatch: Service {
  let limitBytes: Int
  let interval: Duration
  let logger: Logger

  /// The watch `memoryLimitMB` asks for, checking every 5 s; none without a limit.
  static func services(configuration: AITraderConfiguration, logger: Logger)
    -> [ServiceGroupConfiguration.ServiceConfiguration]
  {
    guard configuration.memoryLimitMB > 0 else { return [] }
    return [
      .init(service: MemoryWatch(limitBytes: configuration.memoryLimitMB << 20, interval: .seconds(5), logger: logger))
    ]
  }

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
