#!/usr/bin/env python3
"""Latency of Python onnxruntime on one model, the reference for the Swift runner's numbers.

  bash scripts/train_direction_model.sh          # builds .venv-model/ and the model
  .venv-model/bin/python scripts/bench_onnx_python.py --model models/direction.onnx

One intra-op and one inter-op thread, graph optimisation ALL, CPU provider. For each batch size,
random float32 inputs (fixed seed) are run after a warm-up, each call timed on its own, for about
--seconds per size. Prints one JSON line per batch size.
"""

import argparse
import json
import time

import numpy as np
import onnxruntime as ort


def make_session(model):
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(model, sess_options=options, providers=["CPUExecutionProvider"])


def bench(session, batch, seconds, rng):
    meta = session.get_inputs()[0]
    width = meta.shape[1] if isinstance(meta.shape[1], int) else 6
    feed = {meta.name: rng.standard_normal((batch, width)).astype(np.float32)}

    # Warm up, and size the run from the warm-up's pace.
    start = time.perf_counter_ns()
    warm = 0
    while warm < 100 or time.perf_counter_ns() - start < 200_000_000:
        session.run(None, feed)
        warm += 1
    per_call = (time.perf_counter_ns() - start) / warm
    calls = max(100, int(seconds * 1e9 / per_call))

    times = np.empty(calls, dtype=np.int64)
    for i in range(calls):
        t0 = time.perf_counter_ns()
        session.run(None, feed)
        times[i] = time.perf_counter_ns() - t0
    return {
        "runtime": "python-onnxruntime",
        "batch": batch,
        "calls": calls,
        "median_us": round(float(np.median(times)) / 1e3, 3),
        "p99_us": round(float(np.percentile(times, 99)) / 1e3, 3),
        "rows_per_sec": round(batch * calls / (times.sum() / 1e9), 1),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="models/direction.onnx")
    parser.add_argument("--batches", default="1,32,256", help="comma-separated batch sizes")
    parser.add_argument("--seconds", type=float, default=2.0, help="timed seconds per batch size")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    session = make_session(args.model)
    rng = np.random.default_rng(args.seed)
    for batch in (int(b) for b in args.batches.split(",")):
        print(json.dumps(bench(session, batch, args.seconds, rng)), flush=True)


if __name__ == "__main__":
    main()
