#!/usr/bin/env bash
# Signal → order decision latency inside the running pipeline (issue 3, "Benchmarks"): runs
# `aitrader run --tick-rate N` for D seconds, then reads the `aitrader_signal_to_order_seconds`
# histogram from /metrics (p50/p90/p99 estimated by linear interpolation inside the bucket, so
# each figure is only as fine as the buckets: 1, 2.5, 5, 10, 25, 50, 100 µs, …) and
# `strategy_engine.details` from /api/status (mean and max, exact).
#
#   bash scripts/bench_pipeline.sh                    # --tick-rate 2000 for 30 s
#   TICK_RATE=500 DURATION=60 bash scripts/bench_pipeline.sh
#
# What the histogram measures (StrategyEngine.handle): from the moment the strategy engine
# starts handling a signal it has read from `signals:global` until DecisionPipeline.decide has
# answered — reading the bus fields, the StrategyContext from the portfolio (under its lock),
# the forecasters (the ML model, when a new bar asks it; the sentiment engine) and the decision.
# It excludes the wait on the bus before the read and the SQLite write of the order (which comes
# after). Only signals that became new orders are recorded; /api/status strategy_engine shows
# forecast_wait_mean_us beside decision_latency_mean_us.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench_server.sh

TICK_RATE=${TICK_RATE:-2000}
DURATION=${DURATION:-30}

bench_build
echo "uptime before: $(uptime)"
bench_start_server --tick-rate "$TICK_RATE"
cpu_before=$(bench_cpu_seconds "$BENCH_PID")
sleep "$DURATION"
cpu_after=$(bench_cpu_seconds "$BENCH_PID")
base="http://127.0.0.1:$BENCH_PORT"
curl -fsS --max-time 10 "$base/metrics" >"$BENCH_DATA/metrics.txt"
curl -fsS --max-time 10 "$base/api/status" >"$BENCH_DATA/status.json"
echo "server CPU over ${DURATION} s: $(awk -v a="$cpu_before" -v b="$cpu_after" -v d="$DURATION" \
  'BEGIN { printf "%.1f s = %.0f%% of one core", b - a, 100 * (b - a) / d }')"

python3 - "$BENCH_DATA/metrics.txt" "$BENCH_DATA/status.json" <<'PY'
import json, sys
sys.path.insert(0, "scripts")
from prometheus_histogram import Histogram

histogram = Histogram(sys.argv[1], "aitrader_signal_to_order_seconds")
print("aitrader_signal_to_order_seconds buckets (le: cumulative):", histogram.describe_buckets(1e6, " µs"))
if histogram.count:
    q = histogram.quantile
    print(f"signal→order decision in the pipeline (n={int(histogram.count)}): mean {histogram.mean() * 1e6:.2f} µs, "
          f"p50 ≈ {q(0.5) * 1e6:.2f} µs, p90 ≈ {q(0.9) * 1e6:.2f} µs, p99 ≈ {q(0.99) * 1e6:.2f} µs")
components = json.load(open(sys.argv[2]))["components"]
for key in ("pattern_engine", "strategy_engine", "execution", "event_bus"):
    print(f"/api/status {key}.details: {json.dumps(components[key]['details'], sort_keys=True)}")
PY
echo "uptime after: $(uptime)"
