import BenchmarkSupport
import Foundation
import Inference

// Benchmarks of the ONNX runner's inference path, printed as JSON lines:
//
//   InferenceBenchmarks latency  --library L --model M [--batches 1,32,256] [--seconds 2]
//   InferenceBenchmarks batching --library L --model M [--concurrency 256] [--seconds 3]
//                                [--max-batch 256] [--max-wait-us 0]
//
// `latency` times `InferenceSession.run` call by call with one intra-op and one inter-op
// thread, as scripts/bench_onnx_python.py times Python onnxruntime, for the side-by-side table.
// `batching` drives the batch scheduler with `concurrency` callers of one row each and reports
// requests per second with dynamic batching and without it.

let arguments = BenchmarkOptions(Array(CommandLine.arguments.dropFirst()))
let library = arguments.string("library", ".vendor/onnxruntime/lib/libonnxruntime.so")
let model = arguments.string("model", "models/direction.onnx")
do {
  let runtime = try OnnxRuntime.load(libraryPath: library)
  let session = try InferenceSession(
    modelPath: model, runtime: runtime, options: SessionOptions(providers: [.cpu], intraOpThreads: 1, interOpThreads: 1)
  )
  switch arguments.mode ?? "latency" {
  case "latency":
    let batches = arguments.string("batches", "1,32,256").split(separator: ",").compactMap { Int($0) }
    for batch in batches {
      print(try LatencyBenchmark.run(session: session, batch: batch, seconds: arguments.double("seconds", 2)).json)
    }
  case "batching":
    let concurrency = arguments.int("concurrency", 256)
    let seconds = arguments.double("seconds", 3)
    for mode in BatchingBenchmark.Mode.allCases {
      let result = await BatchingBenchmark.run(
        session: session, mode: mode, concurrency: concurrency, seconds: seconds,
        maxBatchRows: arguments.int("max-batch", 256), maxWait: .microseconds(arguments.int("max-wait-us", 0)))
      print(result.json)
    }
  default:
    print("unknown mode \(arguments.mode ?? ""); expected latency or batching")
    exit(2)
  }
} catch {
  print("benchmark failed: \(error)")
  exit(1)
}
