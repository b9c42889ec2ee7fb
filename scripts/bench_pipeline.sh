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
# answered — decoding the bus fields, one hop to the PortfolioService actor for the
# StrategyContext, and the decision. It excludes the wait on the bus before the read and the
# SQLite write of the order (which comes after). Only signals that became new orders are recorded.
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
import json, re, sys

buckets, count, total = [], 0, 0.0
for line in open(sys.argv[1]):
    if line.startswith("aitrader_signal_to_order_seconds_bucket"):
        bound = re.search(r'le="([^"]+)"', line).group(1)
        buckets.append((float("inf") if bound == "+Inf" else float(bound), float(line.split()[-1])))
    elif line.startswith("aitrader_signal_to_order_seconds_count"):
        count = float(line.split()[-1])
    elif line.startswith("aitrader_signal_to_order_seconds_sum"):
        total = float(line.split()[-1])
buckets.sort()

def quantile(q):
    """Prometheus histogram_quantile: linear interpolation inside the bucket that holds rank q·count."""
    rank, lower, below = q * count, 0.0, 0.0
    for upper, cumulative in buckets:
        if cumulative >= rank:
            if upper == float("inf"):
                return lower
            inside = cumulative - below
            return lower + (upper - lower) * ((rank - below) / inside if inside else 0)
        lower, below = upper, cumulative
    return float("nan")

print("aitrader_signal_to_order_seconds buckets (le µs: cumulative):",
      ", ".join(f"{b * 1e6:g}: {int(c)}" for b, c in buckets))
if count:
    print(f"signal→order decision in the pipeline (n={int(count)}): mean {total / count * 1e6:.2f} µs, "
          f"p50 ≈ {quantile(0.5) * 1e6:.2f} µs, p90 ≈ {quantile(0.9) * 1e6:.2f} µs, p99 ≈ {quantile(0.99) * 1e6:.2f} µs")
components = json.load(open(sys.argv[2]))["components"]
for key in ("pattern_engine", "strategy_engine", "execution", "event_bus"):
    print(f"/api/status {key}.details: {json.dumps(components[key]['details'], sort_keys=True)}")
PY
echo "uptime after: $(uptime)"
