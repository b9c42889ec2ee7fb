import Messaging
import NIOCore
import Testing
import TradingCore

@Suite struct RedisConfigurationTests {
  @Test func parsesEveryPartOfTheURL() throws {
    let full = try RedisConfiguration(url: "redis://trader:p%40ss%3Aword@cache.internal:6380/3")
    #expect(full.host == "cache.internal" && full.port == 6380 && full.database == 3)
    #expect(full.username == "trader" && full.password == "p@ss:word", "user and password are percent-decoded")

    let minimal = try RedisConfiguration(url: "redis://localhost")
    #expect(minimal.host == "localhost" && minimal.port == 6379 && minimal.database == 0)
    #expect(minimal.username == nil && minimal.password == nil)

    let defaultUser = try RedisConfiguration(url: "redis://:secret@127.0.0.1:7000/")
    #expect(defaultUser.username == nil && defaultUser.password == "secret" && defaultUser.port == 7000)

    let ipv6 = try RedisConfiguration(url: "redis://[::1]:6390/1")
    #expect(ipv6.host == "::1" && ipv6.port == 6390 && ipv6.endpoint == "[::1]:6390")
  }

  @Test(arguments: [
    "http://localhost", "redis://", "redis://host:0", "redis://host:70000", "redis://host:port",
    "redis://host/-1", "redis://host/db", "redis://user@host", "redis://user:@host", "redis://[::1",
  ])
  func rejectsBadURLs(_ url: String) {
    #expect(throws: RedisClientError.self) { try RedisConfiguration(url: url) }
  }

  @Test func anErrorNeverShowsThePassword() {
    #expect {
      try RedisConfiguration(url: "redis://trader:hunter2@host:notaport")
    } throws: { error in
      "\(error)".contains("trader:***@host") && !"\(error)".contains("hunter2")
    }
  }

  @Test func encodesCommandsAsArraysOfBulkStrings() {
    let command = RedisCommand("XADD", "s", "*", "name", "é")
    #expect(String(buffer: command.encoded) == "*5\r\n$4\r\nXADD\r\n$1\r\ns\r\n$1\r\n*\r\n$4\r\nname\r\n$2\r\né\r\n")
    #expect(String(buffer: RedisCommand("PING").encoded) == "*1\r\n$4\r\nPING\r\n")
    #expect(String(buffer: RedisCommand("SET", ["k", ""]).encoded) == "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$0\r\n\r\n")
  }

  /// The encoder's output is what the parser reads back: a round trip through both.
  @Test func encodedCommandsParseBack() throws {
    let words = ["XADD", "signals:global", "MAXLEN", "~", "1000", "*", "meta", #"{"rsi":71.25}"#, "line\r\nbreak"]
    var parser = RESPParser()
    parser.append(RedisCommand(words[0], Array(words.dropFirst())).encoded)
    let parsed = try parser.next()
    #expect(parsed?.elements?.compactMap(\.string) == words)
  }

  @Test func backoffGrowsIsCappedAndJittered() {
    let backoff = RedisBackoff(initial: .milliseconds(100), maximum: .seconds(1))
    var random = SplitMix64(seed: 3)
    for failures in 1...40 {
      let ceiling = min(.milliseconds(100) * (1 << min(failures - 1, 30)), Duration.seconds(1))
      for _ in 0..<20 {
        let delay = backoff.delay(afterFailures: failures, using: &random)
        #expect(delay >= ceiling / 2 && delay <= ceiling, "after \(failures) failures: \(delay)")
      }
    }
    let delays = Set((0..<20).map { _ in backoff.delay(afterFailures: 5, using: &random) })
    #expect(delays.count > 1, "jittered, so clients restarted together spread out")
  }
}
