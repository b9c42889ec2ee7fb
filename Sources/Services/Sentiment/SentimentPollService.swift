import Logging
import ServiceLifecycle

/// Refreshes the sentiment engine every `interval` until a graceful shutdown.
struct SentimentPollService: Service {
  let engine: SentimentEngine
  let interval: Duration
  let logger: Logger

  func run() async throws {
    await cancelWhenGracefulShutdown {
      while !Task.isCancelled {
        await engine.refresh()
        try? await Task.sleep(for: interval)
      }
    }
    logger.info("sentiment engine stopped")
  }
}
