/// A minimal, honest benchmark harness: runs a body several times, reports the median and the
/// spread, and keeps results alive so the optimiser cannot delete the work.
enum Harness {
  /// Median and extremes of repeated timings, in seconds.
  struct Timing {
    var runs: [Double]
    var median: Double { runs.sorted()[runs.count / 2] }
    var fastest: Double { runs.min() ?? .nan }
    var slowest: Double { runs.max() ?? .nan }
  }

  /// Times `body` `repeats` times after one warm-up run.
  static func time(repeats: Int, _ body: () -> Void) -> Timing {
    body()
    var runs: [Double] = []
    let clock = ContinuousClock()
    for _ in 0..<repeats {
      let start = clock.now
      body()
      runs.append(seconds(clock.now - start))
    }
    return Timing(runs: runs)
  }

  static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
  }

  /// Keeps a value observable so the work producing it is not optimised away.
  @inline(never) static func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
  }

  static func format(_ value: Double, decimals: Int = 2) -> String {
    guard value.isFinite else { return "n/a" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = "\(rounded)"
    if let dot = text.firstIndex(of: ".") {
      let fraction = text[text.index(after: dot)...].count
      if fraction < decimals { text += String(repeating: "0", count: decimals - fraction) }
    } else if decimals > 0 {
      text += "." + String(repeating: "0", count: decimals)
    }
    return text
  }
}
