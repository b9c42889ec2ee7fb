import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// HTTP calls to another AITrader service that survive the usual trouble: each attempt has a
/// time limit; connection failures, time-outs, 429 and 502/503/504 are retried with
/// exponential back-off and full jitter; an optional circuit breaker stops calling a service
/// that keeps failing. Any other answer, 4xx included, is returned to the caller as it is.
public struct ResilientHTTPClient: Sendable {
  /// Time limits and retries.
  public struct Policy: Sendable, Hashable {
    /// Limit of one attempt, connection included.
    public var timeout: Duration
    /// Attempts in all (1 = no retry).
    public var attempts: Int
    /// Back-off before the first retry; doubles each retry, up to `maxBackoff`, and is drawn
    /// uniformly from [0, that] (full jitter).
    public var baseBackoff: Duration
    public var maxBackoff: Duration

    public init(
      timeout: Duration = .seconds(1), attempts: Int = 3, baseBackoff: Duration = .milliseconds(20),
      maxBackoff: Duration = .seconds(1)
    ) {
      precondition(attempts > 0, "at least one attempt")
      self.timeout = timeout
      self.attempts = attempts
      self.baseBackoff = baseBackoff
      self.maxBackoff = maxBackoff
    }
  }

  /// An answer: the status, the headers and the body.
  public struct Response: Sendable {
    public var status: Int
    public var headers: HTTPHeaders = [:]
    public var body: ByteBuffer
  }

  /// The breaker is open: the call was not made.
  public struct CircuitOpen: Error, Hashable, CustomStringConvertible {
    public var url: String
    public var description: String { "circuit open for \(url): not called until the cool-down ends" }
  }

  public let policy: Policy
  public let breaker: CircuitBreaker?
  let client: HTTPClient
  /// Largest response body read, in bytes.
  let maximumBodyBytes: Int

  public init(
    policy: Policy = Policy(), breaker: CircuitBreaker? = nil, client: HTTPClient = .shared,
    maximumBodyBytes: Int = 16 << 20
  ) {
    self.policy = policy
    self.breaker = breaker
    self.client = client
    self.maximumBodyBytes = maximumBodyBytes
  }

  /// Sends a request with `method` to `url`, with `headers` and a JSON `body` when given.
  public func send(
    _ method: HTTPMethod, _ url: String, headers: [String: String] = [:], json body: ByteBuffer? = nil
  ) async throws -> Response {
    if let breaker, !breaker.allowsCall() { throw CircuitOpen(url: url) }
    var lastError: any Error = CircuitOpen(url: url)
    for attempt in 0..<policy.attempts {
      if attempt > 0 { try await Task.sleep(for: backoff(beforeRetry: attempt)) }
      do {
        let response = try await attemptOnce(method, url, headers: headers, body: body)
        if Self.isRetryable(status: response.status), attempt + 1 < policy.attempts {
          lastError = RetryableStatus(status: response.status)
          continue
        }
        if Self.isRetryable(status: response.status) {
          breaker?.recordFailure()
        } else {
          breaker?.recordSuccess()
        }
        return response
      } catch is CancellationError {
        throw CancellationError()
      } catch {
        lastError = error
      }
    }
    breaker?.recordFailure()
    throw lastError
  }

  private func attemptOnce(
    _ method: HTTPMethod, _ url: String, headers: [String: String], body: ByteBuffer?
  ) async throws -> Response {
    var request = HTTPClientRequest(url: url)
    request.method = method
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    if let body {
      request.headers.add(name: "Content-Type", value: "application/json")
      request.body = .bytes(body)
    }
    let timeout = TimeAmount.nanoseconds(Int64(policy.timeout / .nanoseconds(1)))
    let response = try await client.execute(request, timeout: timeout)
    let bytes = try await response.body.collect(upTo: maximumBodyBytes)
    return Response(status: Int(response.status.code), headers: response.headers, body: bytes)
  }

  /// Full-jitter exponential back-off before retry number `attempt` (1-based).
  func backoff(beforeRetry attempt: Int) -> Duration {
    let ceiling = min(policy.maxBackoff, policy.baseBackoff * (1 << min(attempt - 1, 20)))
    let nanoseconds = ceiling / .nanoseconds(1)
    guard nanoseconds > 0 else { return .zero }
    return .nanoseconds(Int64.random(in: 0...Int64(nanoseconds)))
  }

  /// Statuses that say "try again": too many requests, and a gateway or service unavailable.
  static func isRetryable(status: Int) -> Bool { [429, 502, 503, 504].contains(status) }

  /// A retryable status on the last attempt but one; kept as the error if every attempt fails.
  struct RetryableStatus: Error, CustomStringConvertible {
    var status: Int
    var description: String { "HTTP \(status)" }
  }
}
