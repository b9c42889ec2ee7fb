import Foundation
import Messaging
import TestServers
import Testing

/// Where the tests find Redis. `make test` runs the suite inside `scripts/test_servers.sh run`,
/// which starts a redis-server and exports its URL; the tests that need a server are enabled only
/// when that URL is set, and `redisIsProvidedWhereRequired` fails when `make test` forgot it, so
/// that CI can never skip them without a red line.
enum RedisTestEnvironment {
  static let url = ProcessInfo.processInfo.environment["AITRADER_TEST_REDIS_URL"]
  static let isAvailable = url != nil
  /// `make test` sets the vendor directory; there, a missing server is a failure, not a skip.
  static let isRequired = ProcessInfo.processInfo.environment["AITRADER_VENDOR_DIR"] != nil

  /// The shared server's configuration with the given protocol.
  static func configuration(
    _ protocolVersion: RedisProtocolVersion = .resp3, commandTimeout: Duration = .seconds(5)
  ) throws -> RedisConfiguration {
    var configuration = try RedisConfiguration(url: url ?? "redis://127.0.0.1:6379")
    configuration.protocolVersion = protocolVersion
    configuration.commandTimeout = commandTimeout
    return configuration
  }

  /// A key prefix no other test uses, so that tests share the server without meeting.
  static func uniquePrefix(_ test: String = "t") -> String {
    "test:\(test):\(UUID().uuidString.prefix(8)):"
  }
}

@Suite struct RedisTestServerPresenceTests {
  @Test func redisIsProvidedWhereRequired() {
    if RedisTestEnvironment.isRequired {
      #expect(
        RedisTestEnvironment.isAvailable,
        "AITRADER_VENDOR_DIR is set (make test) but AITRADER_TEST_REDIS_URL is not: run the suite through `bash scripts/test_servers.sh run swift test`"
      )
    }
  }
}

/// Every test that talks to a real redis-server, one at a time (the suites in
/// `extension RealRedisServerTests`).
///
/// Serialized because the event bus conformance checks measure idle times on the server's clock,
/// in real time, with margins of 100 ms: run beside 10,000-command pipelines and thousands of
/// concurrent publishes on a two-core machine, a check could stall past its margin and fail for
/// no fault of the bus. Stream names are still unique per test, so the suites could share the
/// server with other modules' tests running at the same time. The restart tests use a private
/// server (`PrivateRedisServer`), never the shared one.
@Suite(.serialized, .enabled(if: RedisTestEnvironment.isAvailable))
struct RealRedisServerTests {}
