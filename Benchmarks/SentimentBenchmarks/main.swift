import BenchmarkSupport
import Foundation
import Sentiment

// Throughput of the BERT tokenizer, printed as JSON lines, for the side-by-side table with
// Hugging Face `tokenizers` (scripts/bench_tokenizer_python.py does the same in Python):
//
//   SentimentBenchmarks [--vocab .vendor/tokenizer/vocab.txt] [--seconds 1] [--batch 32]
//                       [--max-length 128]
//                       [--fixture Tests/SentimentTests/Fixtures/wordpiece_expected.jsonl]
//
// The sentences are the fixture's, passed over again and again for about `seconds`, on one
// thread. `encode` encodes them one at a time (truncated to max-length, no padding);
// `encode_batch` in batches of `batch`, padded to the longest of each batch. Tokens count the
// positions that are not padding, [CLS] and [SEP] included. A first line gives the time to load
// the vocabulary and build the tokenizer.
//
// `lexicon` scores the same sentences with the Loughran–McDonald lexicon scorer (--lexicon
// .vendor/sentiment/LM.csv); its "tokens" are the words the lexicon knew (positive + negative hits).
//
// `SentimentBenchmarks finbert …` measures the FinBERT classifier instead (FinBERTBenchmark.swift).

/// One line of the fixture; only the text is needed here.
struct FixtureLine: Decodable {
  var text: String
}

/// Runs `pass` (which encodes every sentence once and returns the tokens it produced) until
/// `seconds` have gone by, after one warm-up pass, and reports the rates.
func measure(mode: String, sentences: Int, seconds: Double, _ pass: () -> Int) -> String {
  _ = pass()
  let clock = ContinuousClock()
  let start = clock.now
  var passes = 0
  var tokens = 0
  repeat {
    tokens += pass()
    passes += 1
  } while (clock.now - start) < .seconds(seconds)
  let elapsedSeconds = inSeconds(clock.now - start)
  let encoded = passes * sentences
  return json([
    "runtime": "swift-sentiment", "mode": mode, "sentences": encoded, "tokens": tokens,
    "seconds": (elapsedSeconds * 1000).rounded() / 1000,
    "sentences_per_sec": (Double(encoded) / elapsedSeconds).rounded(),
    "tokens_per_sec": (Double(tokens) / elapsedSeconds).rounded(),
  ])
}

func inSeconds(_ duration: Duration) -> Double {
  Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

/// One JSON line, keys sorted.
func json(_ fields: [String: Any]) -> String {
  String(decoding: try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]), as: UTF8.self)
}

let arguments = BenchmarkOptions(Array(CommandLine.arguments.dropFirst()))
if arguments.mode == "finbert" {
  do {
    try await FinBERTBenchmark.run(arguments)
    exit(0)
  } catch {
    print("benchmark failed: \(error)")
    exit(1)
  }
}
let seconds = arguments.double("seconds", 1)
let batch = arguments.int("batch", 32)
let maxLength = arguments.int("max-length", 128)
do {
  let loadStart = ContinuousClock.now
  let tokenizer = try BertTokenizer(vocabularyFile: arguments.string("vocab", ".vendor/tokenizer/vocab.txt"))
  let load = ContinuousClock.now - loadStart
  print(json(["mode": "load", "runtime": "swift-sentiment", "milliseconds": (inSeconds(load) * 1e4).rounded() / 10]))
  let fixture = try Data(
    contentsOf: URL(
      fileURLWithPath: arguments.string("fixture", "Tests/SentimentTests/Fixtures/wordpiece_expected.jsonl")))
  let decoder = JSONDecoder()
  let sentences = try fixture.split(separator: UInt8(ascii: "\n")).map {
    try decoder.decode(FixtureLine.self, from: Data($0)).text
  }
  print(
    measure(mode: "encode", sentences: sentences.count, seconds: seconds) {
      var tokens = 0
      for sentence in sentences { tokens += tokenizer.encode(sentence, maxLength: maxLength).count }
      return tokens
    })
  print(
    measure(mode: "encode_batch", sentences: sentences.count, seconds: seconds) {
      var tokens = 0
      var start = 0
      while start < sentences.count {
        let texts = Array(sentences[start..<min(start + batch, sentences.count)])
        for encoding in tokenizer.encodeBatch(texts, maxLength: maxLength) { tokens += encoding.tokenCount }
        start += batch
      }
      return tokens
    })
  let scorer = LexiconScorer(
    lexicon: try FinancialLexicon(contentsOf: arguments.string("lexicon", ".vendor/sentiment/LM.csv")))
  print(
    measure(mode: "lexicon", sentences: sentences.count, seconds: seconds) {
      var hits = 0
      for sentence in sentences {
        let counts = scorer.hits(in: sentence)
        hits += counts.positive + counts.negative
      }
      return hits
    })
} catch {
  print("benchmark failed: \(error)")
  exit(1)
}
