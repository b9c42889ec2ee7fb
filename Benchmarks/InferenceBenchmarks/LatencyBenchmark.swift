import Inference

/// `InferenceSession.run` timed call by call at one batch size.
enum LatencyBenchmark {
  struct Result {
    var batch: Int
    var calls: Int
    var medianMicroseconds: Double
    var p99Microseconds: Double
    var rowsPerSecond: Double

    var json: String {
      #"{"runtime":"swift-aitrader","batch":\#(batch),"calls":\#(calls),"median_us":\#(round3(medianMicroseconds)),"#
        + #""p99_us":\#(round3(p99Microseconds)),"rows_per_sec":\#(round3(rowsPerSecond))}"#
    }
  }

  static func run(session: InferenceSession, batch: Int, seconds: Double) throws -> Result {
    var rows = NormalRows(seed: 7)
    let (name, width) = try modelInput(session)
    let inputs = [name: try Tensor(shape: [batch, width], values: .float32(rows.floats(batch * width)))]
    let clock = ContinuousClock()
    // Warm up for at least 100 calls and 0.2 s, and size the timed run from the pace.
    let warmStart = clock.now
    var warmCalls = 0
    var checksum = 0.0
    while warmCalls < 100 || clock.now - warmStart < .milliseconds(200) {
      checksum += Double(try session.run(inputs).values.first?.floats?.first ?? 0)
      warmCalls += 1
    }
    let perCall = (clock.now - warmStart) / warmCalls
    let calls = max(100, Int(Duration.seconds(seconds) / perCall))
    var times: [Double] = []
    times.reserveCapacity(calls)
    for _ in 0..<calls {
      let start = clock.now
      let outputs = try session.run(inputs)
      times.append((clock.now - start) / .microseconds(1))
      checksum += Double(outputs.values.first?.floats?.first ?? 0)
    }
    precondition(checksum.isFinite, "outputs must be finite")
    let sorted = times.sorted()
    return Result(
      batch: batch, calls: calls, medianMicroseconds: sorted[calls / 2],
      p99Microseconds: sorted[min(calls - 1, Int(Double(calls) * 0.99))],
      rowsPerSecond: Double(batch * calls) / (times.reduce(0, +) / 1e6))
  }
}

/// `value` rounded to three decimals, for JSON output.
func round3(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

/// The model's first input: its name and its row width (the fixed second dimension).
func modelInput(_ session: InferenceSession) throws -> (name: String, width: Int) {
  guard let input = session.inputs.first, case .fixed(let width)? = input.dimensions.dropFirst().first else {
    throw InferenceError.invalidInput("the benchmark needs a model whose first input is [batch, width]")
  }
  return (input.name, width)
}
