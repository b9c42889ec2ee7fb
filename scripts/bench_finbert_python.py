#!/usr/bin/env python3
"""Throughput of a FinBERT-shaped classifier in Python, tokenization included: the reference for
`SentimentBenchmarks finbert`.

  bash scripts/make_tiny_bert_model.sh           # builds .venv-bert/ (and the model)
  .venv-bert/bin/python scripts/bench_finbert_python.py

`BertWordPieceTokenizer(vocab, lowercase=True)` truncating to the model's `max_length` metadata
entry and padding to the longest of each batch, then onnxruntime (CPU, one intra-op and one
inter-op thread, RAYON_NUM_THREADS=1), then the softmax of the logits in numpy. The texts are
those of Tests/SentimentTests/Fixtures/tiny_bert_expected.json, taken in turn. For each batch
size, batches of that many texts are scored for about --seconds after a warm-up, each call timed.
Prints one JSON line per batch size, as the Swift benchmark does.
"""

import os

os.environ["RAYON_NUM_THREADS"] = "1"
os.environ["TOKENIZERS_PARALLELISM"] = "false"

import argparse
import json
import time
from pathlib import Path

import numpy as np
import onnxruntime as ort
from tokenizers.implementations import BertWordPieceTokenizer

ROOT = Path(__file__).resolve().parent.parent


class Classifier:
    def __init__(self, model, vocab):
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(model, sess_options=options, providers=["CPUExecutionProvider"])
        metadata = self.session.get_modelmeta().custom_metadata_map
        self.tokenizer = BertWordPieceTokenizer(vocab, lowercase=True)
        self.tokenizer.enable_truncation(int(metadata.get("max_length", 512)))
        self.tokenizer.enable_padding()
        self.inputs = {i.name for i in self.session.get_inputs()}

    def probabilities(self, texts):
        encodings = self.tokenizer.encode_batch(texts)
        feed = {"input_ids": np.array([e.ids for e in encodings], dtype=np.int64)}
        if "attention_mask" in self.inputs:
            feed["attention_mask"] = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        if "token_type_ids" in self.inputs:
            feed["token_type_ids"] = np.array([e.type_ids for e in encodings], dtype=np.int64)
        (logits,) = self.session.run(["logits"], feed)
        exponentials = np.exp(logits - logits.max(axis=1, keepdims=True))
        return exponentials / exponentials.sum(axis=1, keepdims=True)


def bench(classifier, texts, batch, seconds):
    position = 0

    def next_batch():
        nonlocal position
        chunk = [texts[(position + i) % len(texts)] for i in range(batch)]
        position = (position + batch) % len(texts)
        return chunk

    for _ in range(max(20, 200 // batch)):
        classifier.probabilities(next_batch())
    times = []
    start = time.perf_counter()
    while True:
        chunk = next_batch()
        t0 = time.perf_counter()
        classifier.probabilities(chunk)
        times.append(time.perf_counter() - t0)
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            break
    scored = len(times) * batch
    return {
        "runtime": f"python-onnxruntime-{ort.__version__}", "mode": "finbert", "batch": batch, "texts": scored,
        "seconds": round(elapsed, 3), "texts_per_sec": round(scored / elapsed),
        "median_call_ms": round(float(np.median(times)) * 1e3, 3),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=str(ROOT / "Tests/SentimentTests/Fixtures/tiny_bert_classifier.onnx"))
    parser.add_argument("--vocab", default=str(ROOT / ".vendor/tokenizer/vocab.txt"))
    parser.add_argument("--fixture", default=str(ROOT / "Tests/SentimentTests/Fixtures/tiny_bert_expected.json"))
    parser.add_argument("--batches", default="1,32", help="comma-separated batch sizes")
    parser.add_argument("--seconds", type=float, default=2.0)
    args = parser.parse_args()

    texts = [case["text"] for case in json.loads(Path(args.fixture).read_text(encoding="utf-8"))["cases"]]
    classifier = Classifier(args.model, args.vocab)
    for batch in (int(b) for b in args.batches.split(",")):
        print(json.dumps(bench(classifier, texts, batch, args.seconds)), flush=True)


if __name__ == "__main__":
    main()
