#!/usr/bin/env python3
"""Throughput of Hugging Face `tokenizers` on BERT uncased, the reference for the Swift tokenizer.

  bash scripts/make_tokenizer_fixture.sh         # builds .venv-tokenizer/ (and the fixtures)
  bash scripts/setup.sh                          # .vendor/tokenizer/vocab.txt
  .venv-tokenizer/bin/python scripts/bench_tokenizer_python.py

One thread (RAYON_NUM_THREADS=1, TOKENIZERS_PARALLELISM=false, set before the import).
`BertWordPieceTokenizer(vocab, lowercase=True)`, truncation to --max-length. The sentences are
those of Tests/SentimentTests/Fixtures/wordpiece_expected.jsonl, passed over again and again for
about --seconds after one warm-up pass:
  encode        `encode(text)` sentence by sentence, no padding
  encode_batch  `encode_batch(texts)` by batches of --batch, padded to the longest of each batch
Tokens count the positions that are not padding, [CLS] and [SEP] included. Prints one JSON line
per mode, as Benchmarks/SentimentBenchmarks does for the Swift tokenizer.
"""

import os

os.environ["RAYON_NUM_THREADS"] = "1"
os.environ["TOKENIZERS_PARALLELISM"] = "false"

import argparse
import json
import time
from pathlib import Path

import tokenizers
from tokenizers.implementations import BertWordPieceTokenizer

ROOT = Path(__file__).resolve().parent.parent


def measure(mode, sentences, seconds, one_pass):
    one_pass()
    passes = tokens = 0
    start = time.perf_counter()
    while True:
        tokens += one_pass()
        passes += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            break
    encoded = passes * len(sentences)
    return {
        "runtime": f"python-tokenizers-{tokenizers.__version__}", "mode": mode, "sentences": encoded,
        "tokens": tokens, "seconds": round(elapsed, 3), "sentences_per_sec": round(encoded / elapsed),
        "tokens_per_sec": round(tokens / elapsed),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vocab", default=str(ROOT / ".vendor/tokenizer/vocab.txt"))
    parser.add_argument("--fixture", default=str(ROOT / "Tests/SentimentTests/Fixtures/wordpiece_expected.jsonl"))
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--max-length", type=int, default=128)
    args = parser.parse_args()

    with open(args.fixture, encoding="utf-8") as lines:
        sentences = [json.loads(line)["text"] for line in lines]

    single = BertWordPieceTokenizer(args.vocab, lowercase=True)
    single.enable_truncation(args.max_length)

    def encode_pass():
        return sum(len(single.encode(text).ids) for text in sentences)

    batched = BertWordPieceTokenizer(args.vocab, lowercase=True)
    batched.enable_truncation(args.max_length)
    batched.enable_padding()
    batches = [sentences[i:i + args.batch] for i in range(0, len(sentences), args.batch)]

    def batch_pass():
        return sum(sum(e.attention_mask) for batch in batches for e in batched.encode_batch(batch))

    print(json.dumps(measure("encode", sentences, args.seconds, encode_pass)))
    print(json.dumps(measure("encode_batch", sentences, args.seconds, batch_pass)))


if __name__ == "__main__":
    main()
