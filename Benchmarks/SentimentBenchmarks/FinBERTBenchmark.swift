import BenchmarkSupport
import Foundation
import Inference
import Sentiment

/// Throughput of the FinBERT classifier, tokenization included, for the side-by-side table with
/// Python (scripts/bench_finbert_python.py does the same with `tokenizers` and onnxruntime):
///
///   SentimentBenchmarks finbert [--model Tests/SentimentTests/Fixtures/tiny_bert_classifier.onnx]
///                       [--onnxruntime .vendor/onnxruntime/lib/libonnxruntime.so]
///                       [--vocab .vendor/tokenizer/vocab.txt] [--batches 1,32] [--seconds 2]
///                       [--fixture Tests/SentimentTests/Fixtures/tiny_bert_expected.json]
///
/// The texts are the fixture's, taken in turn. For each batch size, `score` is called with that
/// many texts at a time (one model run each, padded to the longest), on a session of one intra-op
/// and one inter-op thread, for about `seconds` after a warm-up; each call is timed. One JSON
/// line per batch size.
enum FinBERTBenchmark {
  struct Fixture: Decodable {
    struct Case: Decodable { var text: String }
    var cases: [Case]
  }

  static func run(_ arguments: BenchmarkOptions) async throws {
    let runtime = try OnnxRuntime.load(
      libraryPath: arguments.string("onnxruntime", ".vendor/onnxruntime/lib/libonnxruntime.so"))
    let tokenizer = try BertTokenizer(vocabularyFile: arguments.string("vocab", ".vendor/tokenizer/vocab.txt"))
    let fixture = try JSONDecoder().decode(
      Fixture.self,
      from: Data(
        contentsOf: URL(
          fileURLWithPath: arguments.string("fixture", "Tests/SentimentTests/Fixtures/tiny_bert_expected.json"))))
    let texts = fixture.cases.map(\.text)
    let seconds = arguments.double("seconds", 2)
    for batch in arguments.string("batches", "1,32").split(separator: ",").compactMap({ Int($0) }) {
      let classifier = try FinBERTClassifier(
        modelPath: arguments.string("model", "Tests/SentimentTests/Fixtures/tiny_bert_classifier.onnx"),
        runtime: runtime, tokenizer: tokenizer, options: .init(batchSize: batch))
      print(try await measure(classifier, texts: texts, batch: batch, seconds: seconds, runtime: runtime))
    }
  }

  /// Calls `classifier.score` on batches of `batch` texts for about `seconds`, after a warm-up.
  static func measure(
    _ classifier: FinBERTClassifier, texts: [String], batch: Int, seconds: Double, runtime: OnnxRuntime
  ) async throws -> String {
    var next = 0
    func nextBatch() -> [String] {
      defer { next = (next + batch) % texts.count }
      return (0..<batch).map { texts[(next + $0) % texts.count] }
    }
    for _ in 0..<max(20, 200 / batch) { _ = try await classifier.score(nextBatch()) }
    let clock = ContinuousClock()
    var callTimes: [Double] = []
    let start = clock.now
    repeat {
      let chunk = nextBatch()
      let callStart = clock.now
      _ = try await classifier.score(chunk)
      callTimes.append(inSeconds(clock.now - callStart))
    } while clock.now - start < .seconds(seconds)
    let elapsed = inSeconds(clock.now - start)
    callTimes.sort()
    let scored = callTimes.count * batch
    return json([
      "runtime": "swift-sentiment (onnxruntime \(runtime.version))", "mode": "finbert", "batch": batch,
      "texts": scored, "seconds": (elapsed * 1000).rounded() / 1000,
      "texts_per_sec": (Double(scored) / elapsed).rounded(),
      "median_call_ms": (callTimes[callTimes.count / 2] * 1e6).rounded() / 1000,
    ])
  }
}
