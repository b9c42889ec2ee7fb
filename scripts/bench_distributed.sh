#!/usr/bin/env bash
# The distributed mode's figures (issue 4, "Benchmarks"), on the redis-server and PostgreSQL that
# scripts/test_servers.sh starts on loopback (this script runs itself inside it):
#
#   1. XADD throughput: redis-benchmark (-P 64, its default 50 connections), then our client
#      pipelined 64 deep on one connection and on 16 at once, and with 64 concurrent publishers
#      on one connection, then redis-benchmark again — same server, same entry (a
#      signals:global entry, six fields), same MAXLEN ~ trim.
#   2. Order decisions per second with one and with two `aitrader serve strategy-engine`
#      processes: N signals waiting on signals:global, the engines started, timed until PostgreSQL
#      holds N orders.
#   3. Tick → order decision latency through Redis: pattern-engine at TICK_RATE ticks/s (default
#      10,000) and a strategy engine, for DURATION s; p50/p99 from the strategy engine's
#      aitrader_tick_to_decision_seconds histogram (bucket interpolation).
#
#   bash scripts/bench_distributed.sh            # BENCH_SKIP_BUILD=1 to use the present release build
#   SIGNALS=20000 TICK_RATE=10000 DURATION=30 bash scripts/bench_distributed.sh
#   SECTIONS=3 TICK_RATE=2000 bash scripts/bench_distributed.sh   # only the third part
#   BENCH_BINARY=/tmp/aitrader-other BENCH_SKIP_BUILD=1 SECTIONS=3 bash scripts/bench_distributed.sh  # another build, A/B
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${AITRADER_TEST_REDIS_URL:-}" ]; then exec bash scripts/test_servers.sh run bash "$0" "$@"; fi

SIGNALS=${SIGNALS:-20000}
TICK_RATE=${TICK_RATE:-10000}
DURATION=${DURATION:-30}
SECTIONS=${SECTIONS:-123}
BIN=${BENCH_BINARY:-.build/release/aitrader}
BENCH=.build/release/MessagingBenchmarks
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  swift build -c release --product aitrader >/dev/null
  swift build -c release --product MessagingBenchmarks >/dev/null
fi
REDIS_PORT=${AITRADER_TEST_REDIS_URL##*:}
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
echo "date: $(date -u +%F)  uptime: $(uptime)"

if [[ $SECTIONS == *1* ]]; then
echo "== 1. XADD throughput"
xadd_fields=(id 01900000000000000000000042 meta '{"ema_fast":189.12,"ema_slow":188.7,"volatility":0.0123,"vwap":189.01}'
  score 0.734 source pattern symbol AAPL timestamp 1764000000000000000)
redis_benchmark() {
  redis-benchmark -h 127.0.0.1 -p "$REDIS_PORT" -n 1000000 -P 64 -q \
    XADD bench:rb MAXLEN '~' 1000000 '*' "${xadd_fields[@]}" | tr '\r' '\n' | grep -v '^$' | tail -1
  redis-cli -p "$REDIS_PORT" DEL bench:rb >/dev/null
}
echo "redis-benchmark -P 64: $(redis_benchmark)"
"$BENCH" --url "$AITRADER_TEST_REDIS_URL" --count 1000000 --pipeline 64
"$BENCH" --url "$AITRADER_TEST_REDIS_URL" --count 1000000 --pipeline 64 --connections 16
"$BENCH" concurrent --url "$AITRADER_TEST_REDIS_URL" --count 300000 --tasks 64
echo "redis-benchmark -P 64: $(redis_benchmark)"
fi

# A fresh database and Redis database index for each run of the pipeline.
fresh_backends() {
  local name="bench_$(date +%s%N | tail -c 9)"
  psql "$AITRADER_TEST_DATABASE_URL" -q -c "CREATE DATABASE $name"
  export DATABASE_URL="${AITRADER_TEST_DATABASE_URL%/*}/$name"
  export REDIS_URL="$AITRADER_TEST_REDIS_URL/9"
  redis-cli -u "$REDIS_URL" FLUSHDB >/dev/null
  "$BIN" initdb >/dev/null
}
serve() { # component name port
  AITRADER_LOG_LEVEL=warning "$BIN" serve "$1" --name "$2" --port "$3" >"$WORK/$2.log" 2>&1 &
  PIDS+=($!)
}
count_orders() { psql "$DATABASE_URL" -tA -c "SELECT count(*) FROM orders"; }

if [[ $SECTIONS == *2* ]]; then
echo "== 2. Order decisions per second, $SIGNALS signals waiting"
for engines in 1 2; do
  fresh_backends
  # Marks for every symbol, then the signals, through redis-cli --pipe (RESP from Python).
  python3 - "$SIGNALS" >"$WORK/signals.resp" <<'PY'
import sys, time
alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
def ulid(value):
    return "".join(alphabet[(value >> (5 * (25 - i))) & 31] for i in range(26))
def command(*words):
    out = [f"*{len(words)}\r\n"]
    for word in words:
        data = str(word).encode()
        out.append(f"${len(data)}\r\n{data.decode()}\r\n")
    return "".join(out)
symbols = ["AAPL", "MSFT", "GOOG", "AMZN", "TSLA"]
now = time.time_ns()
parts = [command("XADD", "ticks", "*", "symbol", s, "timestamp", now, "bid", 100 + 10 * i, "ask", 100.01 + 10 * i, "volume", 1)
         for i, s in enumerate(symbols)]
for n in range(int(sys.argv[1])):
    stamp = now + n * 1000
    parts.append(command("XADD", "signals:global", "*", "id", ulid(((stamp // 1_000_000) << 80) | n), "symbol", symbols[n % 5],
                         "score", 0.9 if n % 2 == 0 else -0.9, "timestamp", stamp, "source", "bench",
                         "meta", '{"volatility":0.01}'))
sys.stdout.write("".join(parts))
PY
  redis-cli -u "$REDIS_URL" --pipe <"$WORK/signals.resp" >/dev/null
  start=$(date +%s.%N)
  for k in $(seq 1 "$engines"); do serve strategy-engine "strategy-$k" $((18110 + k)); done
  for _ in $(seq 1 3000); do
    [ "$(count_orders)" -ge "$SIGNALS" ] && break
    sleep 0.1
  done
  end=$(date +%s.%N)
  orders=$(count_orders)
  awk -v n="$orders" -v a="$start" -v b="$end" -v e="$engines" \
    'BEGIN { printf "%d strategy engine(s): %d orders in %.2f s = %.0f decisions/s (engine start-up included)\n", e, n, b - a, n / (b - a) }'
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  PIDS=()
done
fi

if [[ $SECTIONS == *3* ]]; then
echo "== 3. Tick → order decision through Redis at $TICK_RATE ticks/s for $DURATION s"
fresh_backends
serve execution execution-1 18120
serve strategy-engine strategy-1 18121
AITRADER_TICK_RATE=$TICK_RATE serve pattern-engine pattern-1 18122
sleep "$DURATION"
curl -fsS --max-time 10 http://127.0.0.1:18121/metrics >"$WORK/strategy.metrics"
curl -fsS --max-time 10 http://127.0.0.1:18122/health >"$WORK/pattern.json"
curl -fsS --max-time 10 http://127.0.0.1:18121/health >"$WORK/strategy.json"
python3 - "$WORK/strategy.metrics" "$WORK/pattern.json" "$WORK/strategy.json" <<'PY'
import json, sys
sys.path.insert(0, "scripts")
from prometheus_histogram import Histogram

histogram = Histogram(sys.argv[1], "aitrader_tick_to_decision_seconds")
pattern = json.load(open(sys.argv[2]))["component"]["details"]
strategy = json.load(open(sys.argv[3]))["component"]["details"]
print(f"pattern engine: {pattern['ticks_per_second']:.0f} ticks/s processed, {pattern['signals']:.0f} signals, "
      f"{pattern['ticks_published']:.0f} ticks published")
print(f"strategy engine: {strategy['signals_read']:.0f} signals read, {strategy['orders_decided']:.0f} orders decided, "
      f"lag {strategy.get('consumer_lag')}")
if histogram.count:
    q = histogram.quantile
    print(f"tick → decision (n={int(histogram.count)}): mean {histogram.mean() * 1e3:.3f} ms, "
          f"p50 ≈ {q(0.5) * 1e3:.3f} ms, p99 ≈ {q(0.99) * 1e3:.3f} ms")
print("buckets (le: cumulative):", histogram.describe_buckets(1e3, " ms"))
PY
fi
echo "uptime after: $(uptime)"
