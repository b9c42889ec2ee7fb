import Synchronization
import TradingCore

/// The fold of every benchmark's results (see `Harness.blackHole`).
let checksum = Atomic<UInt64>(0)

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

  /// Times `body` `repeats` times after one warm-up run. The body gets the run's number and
  /// must make its work depend on it, so the optimiser cannot compute it once for all runs.
  static func time(repeats: Int, _ body: (_ run: Int) -> Void) -> Timing {
    body(0)
    var runs: [Double] = []
    let clock = ContinuousClock()
    for run in 1...repeats {
      let start = clock.now
      body(run)
      runs.append(seconds(clock.now - start))
    }
    return Timing(runs: runs)
  }

  static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
  }

  /// Folds a result into `checksum`, which `main` prints, so the work producing it is
  /// observable and cannot be optimised away.
  static func blackHole(_ value: Double) {
    checksum.wrappingAdd(value.bitPattern, ordering: .relaxed)
  }

  static func blackHole(_ value: Fixed) { blackHole(value.doubleValue) }

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
