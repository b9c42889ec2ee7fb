#!/usr/bin/env bash
# The ONNX runner's benchmarks, side by side in one session (BENCHMARKS.md, "ONNX runner"):
#   1. latency of one session run at batch 1, 32 and 256 on one thread: Python onnxruntime
#      1.32.0 and ours on the same library version and model, alternated twice, on
#      models/direction.onnx and on ANCHORS.md's 32 → 1 dense layer (scripts/make_mlp32_model.py);
#   2. requests per second with 256 concurrent one-row callers: dynamic batching, the same
#      scheduler without batching, and direct session runs on every core.
#
#   bash scripts/bench_onnx.sh [SECONDS]
#
# Needs the model's virtual environment (bash scripts/train_direction_model.sh builds it).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_SIZE=${1:-2}
MODEL=models/direction.onnx
bash scripts/setup.sh
if [ ! -x .venv-model/bin/python ]; then bash scripts/train_direction_model.sh; fi
swift build -c release --scratch-path .build-bench --product InferenceBenchmarks >/dev/null
BENCH=.build-bench/release/InferenceBenchmarks
LIB=.vendor/onnxruntime/lib/libonnxruntime.so

MLP32=.build-bench/mlp32.onnx
.venv-model/bin/python scripts/make_mlp32_model.py "$MLP32"

for model in "$MODEL" "$MLP32"; do
  for round in 1 2; do
    echo "== $model, round $round: Python onnxruntime"
    .venv-model/bin/python scripts/bench_onnx_python.py --model "$model" --seconds "$SECONDS_PER_SIZE"
    echo "== $model, round $round: Swift (AITrader Inference)"
    "$BENCH" latency --library "$LIB" --model "$model" --seconds "$SECONDS_PER_SIZE"
  done
done
echo "== dynamic batching, 256 concurrent callers"
"$BENCH" batching --library "$LIB" --model "$MODEL" --concurrency 256 --seconds 3 --max-batch 256
